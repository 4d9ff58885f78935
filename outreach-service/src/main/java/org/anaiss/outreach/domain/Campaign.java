package org.anaiss.outreach.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** An offer campaign of one region; its launch is a resumable background job (status, phase, lease). */
@Entity
@Table(name = "campaign")
public class Campaign extends PanacheEntityBase {

    @Id
    public UUID id;
    @Enumerated(EnumType.STRING)
    public Region region;
    public String name;
    /** The collective action proposed with the offer, if any. */
    @Column(name = "action_id")
    public UUID actionId;
    /** Comma-separated {@link SignalType} names. */
    @Column(name = "signal_types")
    public String signalTypes;
    @Column(name = "window_from")
    public LocalDate windowFrom;
    @Column(name = "window_to")
    public LocalDate windowTo;
    @Enumerated(EnumType.STRING)
    public Channel channel;
    public String subject;
    public String template;
    @Column(name = "answer_deadline")
    public LocalDate answerDeadline;
    @Enumerated(EnumType.STRING)
    public CampaignStatus status;
    public String phase;
    public int total;
    public int done;
    @Column(name = "lease_owner")
    public String leaseOwner;
    @Column(name = "lease_until")
    public Instant leaseUntil;
    @Column(name = "created_at")
    public Instant createdAt;
    /** The outreach officer who created it: for the statistics' staff rule only, never shown or exported. */
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "launched_at")
    public Instant launchedAt;
    @Column(name = "finished_at")
    public Instant finishedAt;
    @Version
    public int version;

    public Set<SignalType> signalTypeSet() {
        return Arrays.stream(signalTypes.split(",")).map(SignalType::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(SignalType.class)));
    }

    public static String joinTypes(Set<SignalType> types) {
        return types.stream().sorted().map(Enum::name).collect(Collectors.joining(","));
    }

    @Override
    public String toString() {
        return "Campaign[" + id + "]";
    }
}
