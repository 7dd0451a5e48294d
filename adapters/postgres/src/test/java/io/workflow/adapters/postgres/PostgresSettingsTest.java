package io.workflow.adapters.postgres;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostgresSettingsTest {

    @Test
    void withoutPreparedStatements_urlDisablesServerSidePreparedStatements() {
        assertThat(settings(false).jdbcUrl())
                .startsWith("jdbc:postgresql://db.internal:6432/workflow?")
                .contains("prepareThreshold=0", "connectTimeout=5");
    }

    @Test
    void withPreparedStatements_urlKeepsPgjdbcsDefault() {
        assertThat(settings(true).jdbcUrl()).doesNotContain("prepareThreshold");
    }

    @Test
    void migrationUrl_goesToPostgresItself_notToPgBouncer() {
        assertThat(settings(false).directJdbcUrl()).startsWith("jdbc:postgresql://db.direct:5432/workflow?")
                .doesNotContain("prepareThreshold");
    }

    @Test
    void toString_leavesThePasswordOut() {
        assertThat(settings(true).toString()).doesNotContain("s3cret");
    }

    @Test
    void zeroPoolSize_isRejected() {
        assertThatThrownBy(() -> new PostgresSettings("h", 6432, "db", "u", "p", true, 0, "h", 5432, Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("poolSize");
    }

    private static PostgresSettings settings(boolean preparedStatements) {
        return new PostgresSettings("db.internal", 6432, "workflow", "app", "s3cret", preparedStatements, 20,
                "db.direct", 5432, Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(2));
    }
}
