package io.workflow.perf.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ResponseReaderTest {

    /** A reader over {@code text} that hands out at most {@code chunk} bytes per read, to exercise refills. */
    private static ResponseReader reader(String text, int chunk) {
        ByteArrayInputStream in = new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
        return new ResponseReader((buffer, offset, length) -> in.read(buffer, offset, Math.min(length, chunk)));
    }

    @Test
    void readsAContentLengthBodyAndKeepsTheConnection() throws IOException {
        Response response = reader("HTTP/1.1 201 Created\r\ncontent-length: 5\r\n\r\nhello", 3).read(false);
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.bodyText()).isEqualTo("hello");
        assertThat(response.keepAlive()).isTrue();
    }

    @Test
    void readsChunkedBodiesWithExtensionsAndTrailers() throws IOException {
        String wire = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "4;name=value\r\n{\"a\"\r\n"
                + "A\r\n:12345678}\r\n"
                + "0\r\nX-Trailer: yes\r\n\r\n";
        Response response = reader(wire, 2).read(false);
        assertThat(response.bodyText()).isEqualTo("{\"a\":12345678}");
        assertThat(response.keepAlive()).isTrue();
    }

    @Test
    void readsTwoPipelinedResponsesInOrder() throws IOException {
        ResponseReader reader = reader("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nA"
                + "HTTP/1.1 404 Not Found\r\nContent-Length: 1\r\n\r\nB", 1000);
        assertThat(reader.read(false).bodyText()).isEqualTo("A");
        Response second = reader.read(false);
        assertThat(second.status()).isEqualTo(404);
        assertThat(second.bodyText()).isEqualTo("B");
    }

    @Test
    void readsABodyDelimitedByCloseAndDropsTheConnection() throws IOException {
        Response response = reader("HTTP/1.1 200 OK\r\n\r\nuntil the end", 4).read(false);
        assertThat(response.bodyText()).isEqualTo("until the end");
        assertThat(response.keepAlive()).isFalse();
    }

    @Test
    void honoursConnectionHeadersAndHttp10Defaults() throws IOException {
        assertThat(reader("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n", 100).read(false).keepAlive()).isFalse();
        assertThat(reader("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n", 100).read(false).keepAlive()).isFalse();
        assertThat(reader("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n", 100).read(false).keepAlive()).isTrue();
    }

    @Test
    void skipsInterimResponsesAndReadsNoBodyFor204() throws IOException {
        Response response = reader("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n", 5).read(false);
        assertThat(response.status()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void rejectsMalformedResponses() {
        assertThatThrownBy(() -> reader("HTTP/1.1 2x0 OK\r\n\r\n", 100).read(false)).isInstanceOf(MalformedResponseException.class);
        assertThatThrownBy(() -> reader("HTTP/1.1 200 OK\r\nno colon\r\n\r\n", 100).read(false)).isInstanceOf(MalformedResponseException.class);
        assertThatThrownBy(() -> reader("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", 100).read(false)).isInstanceOf(MalformedResponseException.class);
        assertThatThrownBy(() -> reader("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 100).read(false))
                .isInstanceOf(MalformedResponseException.class);
    }

    @Test
    void reportsWhetherAnyByteArrivedBeforeTheEnd() {
        ResponseReader silent = reader("", 100);
        silent.beginResponse();
        assertThatThrownBy(() -> silent.read(false)).isInstanceOf(EOFException.class).hasMessageContaining("before responding");
        assertThat(silent.receivedAny()).isFalse();

        ResponseReader partial = reader("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", 100);
        partial.beginResponse();
        assertThatThrownBy(() -> partial.read(false)).isInstanceOf(EOFException.class).hasMessageContaining("mid-response");
        assertThat(partial.receivedAny()).isTrue();
    }
}
