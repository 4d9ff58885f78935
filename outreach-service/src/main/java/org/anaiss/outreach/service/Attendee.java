package org.anaiss.outreach.service;

/** What a registration keeps of the person (encrypted): how to address them and write to them. */
public record Attendee(String lastName, String firstName, String email, String phone) {

    public boolean hasEmail() {
        return email != null && !email.isBlank();
    }

    @Override
    public String toString() {
        return "Attendee[]";
    }
}
