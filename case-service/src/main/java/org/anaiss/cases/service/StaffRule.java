package org.anaiss.cases.service;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.anaiss.cases.domain.Region;
import org.anaiss.cases.repository.StatsRepository.Staffing;

/**
 * No unit can be measured: a region's figure of a period is released only where it is the work of
 * several staff — at least {@code minTeams} teams held its cases during the period, none of them more
 * than half of the region's count, and at least {@code minSocialWorkers} social workers were assigned
 * to them or wrote their contacts. Otherwise every cell of the region is replaced by one marker; the
 * national cells keep counting it. The counts behind the verdict never leave case-service.
 */
public record StaffRule(int minTeams, int minSocialWorkers) {

    public static final int MIN_TEAMS = 3;
    public static final int MIN_SOCIAL_WORKERS = 10;

    public StaffRule {
        if (minTeams < MIN_TEAMS || minSocialWorkers < MIN_SOCIAL_WORKERS) {
            throw new IllegalArgumentException("the staff rule's floors are " + MIN_TEAMS + " teams and " + MIN_SOCIAL_WORKERS
                    + " social workers: they may only be raised");
        }
    }

    public boolean holds(Staffing s) {
        return s.total() > 0 && s.teams() >= minTeams && 2 * s.topTeam() <= s.total() && s.socialWorkers() >= minSocialWorkers;
    }

    /** The regions whose figures this period must not be released. */
    public Set<Region> failing(Map<Region, Staffing> staffing) {
        Set<Region> failing = new TreeSet<>();
        Arrays.stream(Region.values()).filter(r -> !holds(staffing.getOrDefault(r, Staffing.NONE))).forEach(failing::add);
        return failing;
    }

    /**
     * The cells of a regional table (region first) with every cell of a failing region removed and one
     * marker cell per failing region added: [region, null, ..., marker]. The cells without a region
     * (national) are kept as counted: they include the failing regions' cases.
     */
    public static List<List<Object>> suppress(List<List<Object>> cells, Set<Region> failing, int width, String marker) {
        List<List<Object>> result = new ArrayList<>(cells.size());
        for (List<Object> cell : cells) {
            Object region = cell.get(0);
            if (region == null || !failing.contains(Region.valueOf((String) region))) {
                result.add(cell);
            }
        }
        for (Region r : failing) {
            List<Object> mark = new ArrayList<>(width + 1);
            mark.add(r.name());
            for (int i = 1; i < width; i++) {
                mark.add(null);
            }
            mark.add(marker);
            result.add(mark);
        }
        return result;
    }
}
