package org.anaiss.outreach.events;

import java.time.LocalDate;
import java.util.UUID;

import org.anaiss.outreach.domain.ContactChannel;
import org.anaiss.outreach.domain.Region;
import org.anaiss.outreach.domain.Sex;
import org.anaiss.outreach.domain.SignalType;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Data of {@code org.anaiss.outreach.OfferAccepted.v1} (schemas/offer-accepted.v1.json): the identity
 * case-service needs to open a case. Absent optional fields are left out, never sent as null.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OfferAcceptedData(UUID offerId, Region region, SignalType signalType, Person person,
        String preferredContactSlot) {

    public static final String TOPIC = "offer-accepted";
    public static final String TYPE = "org.anaiss.outreach.OfferAccepted.v1";

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Person(String lastName, String firstName, LocalDate birthDate, Sex sex, String nir, String addressLine,
            String postalCode, String city, String phone, String email, ContactChannel preferredChannel) {

        @Override
        public String toString() {
            return "Person[]";
        }
    }

    @Override
    public String toString() {
        return "OfferAcceptedData[" + offerId + "]";
    }
}
