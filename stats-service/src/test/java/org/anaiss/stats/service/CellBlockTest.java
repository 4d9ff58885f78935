package org.anaiss.stats.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.anaiss.stats.domain.Dimension;
import org.anaiss.stats.domain.TableDefinition;
import org.junit.jupiter.api.Test;

class CellBlockTest {

    private static final TableDefinition TABLE = new TableDefinition("case-service", "cases_opened",
            List.of(Dimension.REGION, Dimension.SEX, Dimension.THEME), Map.of(
                    Dimension.REGION, List.of("BRETAGNE", "NORMANDIE", "RHONE_ALPES"),
                    Dimension.SEX, List.of("FEMALE", "MALE"),
                    Dimension.THEME, List.of("AUTONOMY", "DISABILITY", "JOB_RETENTION", "OTHER")));
    private static final List<Dimension> GROUPED = List.of(Dimension.REGION, Dimension.THEME);

    @Test
    void everyCombinationHasItsOwnAddressAndItsValuesBack() {
        CellBlock.Addressing addressing = new CellBlock.Addressing(TABLE, GROUPED);
        Set<Long> seen = new HashSet<>();
        for (String region : TABLE.domain(Dimension.REGION)) {
            for (String theme : TABLE.domain(Dimension.THEME)) {
                long address = addressing.address(new String[] { region, theme });
                assertThat(address).isBetween(0L, 11L);
                assertThat(seen.add(address)).as("addresses are distinct").isTrue();
                assertThat(addressing.values(address)).containsExactly(region, theme);
            }
        }
        assertThat(addressing.address(new String[] { "ATLANTIS", "OTHER" })).as("a value outside the domain").isEqualTo(-1);
    }

    @Test
    void aDenseBlockHoldsTheStoredCountsAndTheValueOfEveryCellNotSent() {
        CellBlock.Addressing addressing = new CellBlock.Addressing(TABLE, GROUPED);
        CellBlock.Builder builder = new CellBlock.Builder(addressing);
        builder.add(addressing.address(new String[] { "NORMANDIE", "OTHER" }), 42);
        builder.add(addressing.address(new String[] { "BRETAGNE", "AUTONOMY" }), -3);
        builder.add(-1, 99); // a value outside the domain: no query can ask for it
        List<Long> filled = new ArrayList<>();
        CellBlock block = builder.build(address -> {
            filled.add(address);
            return 1000 + (int) address;
        });

        assertThat(block.get(addressing.address(new String[] { "NORMANDIE", "OTHER" }))).isEqualTo(42);
        assertThat(block.get(addressing.address(new String[] { "BRETAGNE", "AUTONOMY" }))).isEqualTo(-3);
        long notSent = addressing.address(new String[] { "RHONE_ALPES", "DISABILITY" });
        assertThat(block.get(notSent)).isEqualTo(1000 + (int) notSent);
        assertThat(filled).hasSize(10).doesNotContain(addressing.address(new String[] { "NORMANDIE", "OTHER" }));
    }

    @Test
    void aSparseBlockFindsItsCellsAndReportsTheOthersAbsent() {
        List<Dimension> all = List.of(Dimension.REGION, Dimension.SEX, Dimension.THEME);
        TableDefinition wide = new TableDefinition("outreach-service", "offers", all, Map.of(
                Dimension.REGION, range("R", 40), Dimension.SEX, range("S", 40), Dimension.THEME, range("T", 40)));
        CellBlock.Addressing addressing = new CellBlock.Addressing(wide, all);
        CellBlock.Builder builder = new CellBlock.Builder(addressing);
        builder.add(addressing.address(new String[] { "R39", "S0", "T7" }), 17);
        builder.add(addressing.address(new String[] { "R1", "S2", "T3" }), 12);
        CellBlock block = builder.build(address -> {
            throw new AssertionError("a sparse block computes nothing in advance");
        });

        assertThat(block.get(addressing.address(new String[] { "R39", "S0", "T7" }))).isEqualTo(17);
        assertThat(block.get(addressing.address(new String[] { "R1", "S2", "T3" }))).isEqualTo(12);
        assertThat(block.get(addressing.address(new String[] { "R1", "S2", "T4" }))).isEqualTo(CellBlock.ABSENT);
        assertThat(block.weight()).as("two cells, not 64 000").isLessThan(10);
    }

    private static List<String> range(String prefix, int n) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            values.add(prefix + i);
        }
        return values;
    }
}
