package io.dvbridge.store;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The push job's resume points, on whichever database a subclass gives. */
abstract class PushCheckpointBehaviour extends OnDatabase {

    @Test
    void a_checkpoint_moves_forward_only_and_is_gone_once_the_push_finishes() {
        PushCheckpoints checkpoints = open().pushCheckpoints();

        assertThat(checkpoints.committedRow("run-a")).isEmpty();
        checkpoints.save("run-a", "contoso-prod", "dvb_customerimport", "sha256:x", 500, "push-1");
        checkpoints.save("run-a", "contoso-prod", "dvb_customerimport", "sha256:x", 1000, "push-1");
        checkpoints.save("run-a", "contoso-prod", "dvb_customerimport", "sha256:x", 700, "push-1");
        checkpoints.save("run-b", "contoso-prod", "dvb_customerimport", "sha256:y", 10, "push-2");

        assertThat(checkpoints.committedRow("run-a")).hasValue(1000);
        assertThat(checkpoints.committedRow("run-b")).hasValue(10);
        checkpoints.clear("run-a");
        assertThat(checkpoints.committedRow("run-a")).isEmpty();
        assertThat(checkpoints.committedRow("run-b")).hasValue(10);
    }
}
