package org.anaiss.outreach.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One session of a collective action: when, where (a place or a video link), how many seats. */
@Entity
@Table(name = "action_session")
public class ActionSession extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "action_id")
    public UUID actionId;
    @Column(name = "starts_at")
    public Instant startsAt;
    @Column(name = "duration_minutes")
    public int durationMinutes;
    public String place;
    @Column(name = "video_url")
    public String videoUrl;
    public int capacity;
    /** Maintained by conditional SQL updates only (see RegistrationService), never by the entity. */
    @Column(name = "seats_taken", insertable = false, updatable = false)
    public int seatsTaken;
    public boolean held;
    @Column(name = "attendance_recorded_at")
    public Instant attendanceRecordedAt;
    @Version
    public int version;

    public Instant endsAt() {
        return startsAt.plus(Duration.ofMinutes(durationMinutes));
    }

    @Override
    public String toString() {
        return "ActionSession[" + id + "]";
    }
}
