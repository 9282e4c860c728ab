package io.dvbridge.store;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UnreachableStoreTest {

    @Test
    void an_unreachable_database_is_named_with_the_reason_and_without_credentials() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/test";
        StoreSettings settings = new StoreSettings(url + "?password=url-secret", "postgres", "s3cret-pw", 2);

        assertThatThrownBy(() -> StateStore.open(settings, Clock.systemUTC()))
                .isInstanceOf(StateStoreException.class)
                .hasMessageStartingWith("State store " + url + " is unreachable: ")
                .hasMessageContaining("refused")
                .hasMessageNotContaining("s3cret-pw")
                .hasMessageNotContaining("url-secret");
    }
}
