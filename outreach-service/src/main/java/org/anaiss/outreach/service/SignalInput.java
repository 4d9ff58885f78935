package org.anaiss.outreach.service;

import java.time.LocalDate;

import org.anaiss.outreach.domain.ContactChannel;
import org.anaiss.outreach.domain.Region;
import org.anaiss.outreach.domain.Sex;
import org.anaiss.outreach.domain.SignalType;

/** One signal from a partner system, already validated: the person, why (type and date), and which system sent it. */
public record SignalInput(Person person, SignalType signalType, LocalDate signalDate, String sendingSystem) {

    /** The signalled person as the partner sent them; {@code sex} null means: from the NIR. */
    public record Person(String nir, String lastName, String firstName, LocalDate birthDate, Sex sex,
            Region region, String addressLine, String postalCode, String city, String phone, String email,
            ContactChannel preferredChannel) {
        @Override
        public String toString() {
            return "Person[]";
        }
    }

    @Override
    public String toString() {
        return "SignalInput[" + signalType + "]";
    }
}
