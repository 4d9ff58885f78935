package org.anaiss.gateway.web.pages;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The phone number of each region's social service ({@code anaiss.web.brand.region-phones}, e.g.
 * {@code RHONE_ALPES=04 72 00 00 00;BRETAGNE=02 99 00 00 00}): a person who answers an offer is told the number
 * of the social service that wrote to them. A region without a number, or a page that knows no region, shows
 * the fund's number. A malformed value stops the gateway at startup rather than showing a wrong number.
 */
public final class RegionPhones {

    private static final Pattern REGION = Pattern.compile("[A-Z][A-Z_]{1,39}");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 .()-]{3,24}");

    private final Map<String, String> phones;

    private RegionPhones(Map<String, String> phones) {
        this.phones = Collections.unmodifiableMap(phones);
    }

    public static RegionPhones parse(Optional<String> value) {
        Map<String, String> phones = new LinkedHashMap<>();
        if (value.isEmpty() || value.get().isBlank()) {
            return new RegionPhones(phones);
        }
        for (String entry : value.get().split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            String region = eq < 0 ? "" : entry.substring(0, eq).trim();
            String phone = eq < 0 ? "" : entry.substring(eq + 1).trim();
            if (!REGION.matcher(region).matches() || !PHONE.matcher(phone).matches()) {
                throw new IllegalArgumentException("anaiss.web.brand.region-phones: expected REGION=phone entries separated by ';'"
                        + " (e.g. RHONE_ALPES=04 72 00 00 00), found an entry of " + entry.length() + " characters that is not one");
            }
            if (phones.put(region, phone) != null) {
                throw new IllegalArgumentException("anaiss.web.brand.region-phones: region " + region + " is given twice");
            }
        }
        return new RegionPhones(phones);
    }

    /** The region's number when one is configured for it. */
    public Optional<String> of(String region) {
        return region == null ? Optional.empty() : Optional.ofNullable(phones.get(region));
    }

    /** The region itself when a number is configured for it: what a page may carry to the next one. */
    public Optional<String> known(String region) {
        return of(region).map(p -> region);
    }
}
