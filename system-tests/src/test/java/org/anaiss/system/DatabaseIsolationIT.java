package org.anaiss.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;

/** Each service owns its database; the stats role cannot even connect to the others. */
class DatabaseIsolationIT {

    @Test
    void statsRoleCannotConnectToTheCasesDatabase() {
        assertThatThrownBy(() -> Db.as("stats", "cases").close())
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
    }

    @Test
    void statsRoleCannotConnectToTheOutreachDatabase() {
        assertThatThrownBy(() -> Db.as("stats", "outreach").close())
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
    }

    @Test
    void statsRoleConnectsToItsOwnDatabase() throws SQLException {
        try (Connection c = Db.as("stats", "stats")) {
            assertThat(c.isValid(2)).isTrue();
        }
    }
}
