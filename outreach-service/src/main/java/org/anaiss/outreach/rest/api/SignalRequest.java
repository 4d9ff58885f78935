package org.anaiss.outreach.rest.api;

import java.time.LocalDate;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;

import org.anaiss.outreach.domain.SignalType;

/** One signal: the person, why (type and date), and which of the partner's systems sent it. */
public record SignalRequest(
        @Valid @NotNull PersonRequest person,
        @NotNull SignalType signalType,
        @NotNull @PastOrPresent LocalDate signalDate,
        @NotNull @Pattern(regexp = "[A-Za-z0-9 ._/-]{1,100}", message = "must be 1 to 100 letters, digits, spaces or ._/-") String sendingSystem) {

    @Override
    public String toString() {
        return "SignalRequest[" + signalType + "]";
    }
}
