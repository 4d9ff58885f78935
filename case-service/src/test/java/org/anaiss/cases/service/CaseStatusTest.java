package org.anaiss.cases.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.anaiss.cases.domain.CaseStatus;
import org.junit.jupiter.api.Test;

class CaseStatusTest {

    @Test
    void openCaseMayBeHeldOrClosed() {
        assertThat(CaseStatus.OPEN.next()).containsExactlyInAnyOrder(CaseStatus.ON_HOLD, CaseStatus.CLOSED);
    }

    @Test
    void heldCaseMayReopenOrClose() {
        assertThat(CaseStatus.ON_HOLD.next()).containsExactlyInAnyOrder(CaseStatus.OPEN, CaseStatus.CLOSED);
    }

    @Test
    void closedCaseMayOnlyReopen() {
        assertThat(CaseStatus.CLOSED.next()).containsExactly(CaseStatus.OPEN);
        assertThat(CaseStatus.CLOSED.canBecome(CaseStatus.ON_HOLD)).isFalse();
    }

    @Test
    void noStatusBecomesItself() {
        for (CaseStatus s : CaseStatus.values()) {
            assertThat(s.canBecome(s)).isFalse();
        }
    }
}
