package io.dvbridge.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Containers configure through environment variables: every key of the configuration files, camel.server.* included. */
class EnvironmentOverridesTest {

    @TempDir
    Path dir;

    @Test
    void a_variable_named_after_a_key_overrides_it_dashes_and_dots_alike() throws Exception {
        Path config = dir.resolve("extra.properties");
        Files.writeString(config, "dvbridge.custom.some-key = 1\n");
        Map<String, String> overrides = EnvironmentOverrides.from(Map.of(
                "CAMEL_SERVER_PORT", "18777",
                "DVBRIDGE_RUN_FILES_DIR", "/data",
                "DVBRIDGE_CUSTOM_SOME_KEY", "2",
                "CAMEL_MAIN_SHUTDOWN_TIMEOUT", "3",
                "PATH", "/usr/bin",
                "DVBRIDGE_NOT_A_KEY", "x"), Optional.of(config));

        assertThat(overrides).containsEntry("camel.server.port", "18777").containsEntry("dvbridge.run.files-dir", "/data")
                .containsEntry("dvbridge.custom.some-key", "2").hasSize(3);
    }

    @Test
    void the_server_listens_where_the_variables_say() throws Exception {
        int port = TriggerWorld.freePort();
        Map<String, String> variables = Map.of("CAMEL_SERVER_PORT", Integer.toString(port), "CAMEL_SERVER_ENABLED", "true");
        Map<String, String> overrides = new java.util.HashMap<>(EnvironmentOverrides.from(variables, Optional.empty()));
        overrides.put("dvbridge.runs.dir", dir.resolve("runs").toString());
        overrides.put("dvbridge.api.generated-key-file", dir.resolve("api-key").toString());
        try (JobRuntime runtime = JobRuntime.serve(overrides, Optional.empty(), Optional.empty())) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                assertThat(socket.isConnected()).isTrue();
            }
        }
        try (Socket socket = new Socket()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000))
                    .isInstanceOf(ConnectException.class);
        }
    }
}
