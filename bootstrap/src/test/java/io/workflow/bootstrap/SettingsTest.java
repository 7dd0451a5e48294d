package io.workflow.bootstrap;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The security settings: AUTH by mode, and the stack mode's refusal of published defaults. */
class SettingsTest {

    private static Settings read(Map<String, String> overrides) {
        return Settings.read(Config.builder()
                .addSource(ConfigSources.create(overrides))
                .addSource(ConfigSources.classpath("application.yaml"))
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .build());
    }

    private static Map<String, String> stack(String... keyValues) {
        Map<String, String> settings = new HashMap<>(Map.of("mode", "stack", "cursor.secret", "s3cret", "postgres.password", "pw"));
        for (int i = 0; i < keyValues.length; i += 2) {
            settings.put(keyValues[i], keyValues[i + 1]);
        }
        return settings;
    }

    @Test
    void authIsRequiredInStackMode_andOffEmbedded_unlessSet() {
        assertThat(read(stack()).auth().required()).isTrue();
        assertThat(read(Map.of("mode", "embedded")).auth().required()).isFalse();
        assertThat(read(stack("auth", "off")).auth().required()).isFalse();
        assertThat(read(Map.of("mode", "embedded", "auth", "required")).auth().required()).isTrue();
        assertThat(read(stack()).auth().keyCache()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void stackMode_refusesThePlaceholderCursorSecret_andTheDefaultDatabasePassword_namingTheVariable() {
        assertThatThrownBy(() -> read(stack("cursor.secret", "change-me-in-production")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CURSOR_SECRET");
        assertThatThrownBy(() -> read(stack("postgres.password", "workflow")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("POSTGRES_PASSWORD");
        assertThat(read(Map.of("mode", "embedded")).cursorSecret()).as("the embedded mode keeps the placeholder")
                .isEqualTo("change-me-in-production");
    }

    @Test
    void aKeyCacheLongerThanTheRevocationPromise_andAnUnknownAuth_areRefused() {
        assertThatThrownBy(() -> read(stack("keys.cache.ms", "6000"))).hasMessageContaining("KEYS_CACHE_MS");
        assertThatThrownBy(() -> read(stack("auth", "maybe"))).hasMessageContaining("AUTH");
    }
}
