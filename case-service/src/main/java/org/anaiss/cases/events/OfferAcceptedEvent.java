package org.anaiss.cases.events;

import org.anaiss.platform.crypto.ValidNir;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.anaiss.cases.domain.ContactChannel;
import org.anaiss.cases.domain.Region;
import org.anaiss.cases.domain.Sex;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * An {@code offer-accepted} CloudEvent as case-service reads it. The contract is the producer's
 * JSON Schema (outreach-service/src/main/resources/schemas/offer-accepted.v1.json); the contract
 * test checks that this reading accepts what that schema allows. Fields it does not know are
 * ignored at every level (docs/events.md): a producer may add an optional field before its
 * consumers read it, without sending every event to the dead-letter topic.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OfferAcceptedEvent(
        @NotBlank String specversion,
        @NotBlank @Size(max = 100) String id,
        @NotBlank String source,
        @NotNull @Pattern(regexp = "org\\.anaiss\\.outreach\\.OfferAccepted\\.v1") String type,
        @NotNull Instant time,
        String datacontenttype,
        String subject,
        @Valid @NotNull Data data) {

    public static final String TOPIC = "offer-accepted";

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Data(
            @NotNull UUID offerId,
            @NotNull Region region,
            @NotNull SignalType signalType,
            @Valid @NotNull PersonData person,
            @Size(max = 500) String preferredContactSlot) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PersonData(
            @NotBlank @Size(max = 100) String lastName,
            @NotBlank @Size(max = 100) String firstName,
            @NotNull @Past LocalDate birthDate,
            @NotNull Sex sex,
            @NotNull @ValidNir String nir,
            @Size(max = 200) String addressLine,
            @Size(max = 10) String postalCode,
            @Size(max = 100) String city,
            @Size(max = 30) String phone,
            @Email @Size(max = 254) String email,
            ContactChannel preferredChannel) {
    }

    /** Why the person was signalled by another health-insurance system. */
    public enum SignalType {
        SICK_LEAVE_90_DAYS, HOSPITAL_DISCHARGE, DISABILITY_PENSION, WORK_UNFITNESS_RISK, OTHER
    }
}
