package dev.embedkit.server;

import dev.embedkit.BadInputException;
import dev.embedkit.EmbedkitException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddingServerTest {

    @Test
    void aPortInUseIsAnErrorNamingIt(@TempDir Path dir) {
        try (TestServer first = new TestServer(dir)) {
            int port = first.server.port();
            assertThat(port).isPositive();
            EmbeddingServer second = new EmbeddingServer("127.0.0.1", port, Limits.DEFAULT, List.of(), null);
            assertThatThrownBy(second::start).isInstanceOf(EmbedkitException.class)
                    .hasMessageContaining("cannot serve on 127.0.0.1:" + port);
            assertThat(first.get("/api/v1/health").status()).isEqualTo(200);
        }
    }

    @Test
    void refusesDuplicateNamesBadNamesAndBadPorts(@TempDir Path dir) {
        List<ServedModel> models = TestServer.models(dir);
        assertThatThrownBy(() -> new EmbeddingServer("127.0.0.1", 0, Limits.DEFAULT, List.of(models.get(0), models.get(0)), null))
                .isInstanceOf(BadInputException.class).hasMessageContaining("two models are named 'royals'");
        assertThatThrownBy(() -> new EmbeddingServer("127.0.0.1", 65_536, Limits.DEFAULT, models, null))
                .isInstanceOf(BadInputException.class).hasMessageContaining("port must be 0..65535");
        assertThatThrownBy(() -> ServedModel.checkName("../etc")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("not usable in a URL");
        assertThat(ServedModel.defaultName("royals.vec")).isEqualTo("royals");
        assertThat(ServedModel.defaultName("quickstart-model")).isEqualTo("quickstart-model");
        assertThat(ServedModel.defaultName(".hidden")).isEqualTo(".hidden");
    }
}
