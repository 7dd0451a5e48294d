package io.workflow.adapters.steps;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/** The first bytes of a response body, up to a limit; {@code truncated} when there were more. */
record CappedBody(byte[] bytes, boolean truncated) {

    /** Keeps at most {@code limit} bytes, so a huge or endless answer cannot exhaust memory. */
    static BodyHandler<CappedBody> handler(int limit) {
        return responseInfo -> new Subscriber(limit);
    }

    private static final class Subscriber implements BodySubscriber<CappedBody> {
        private final int limit;
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();
        private final CompletableFuture<CappedBody> body = new CompletableFuture<>();
        private Flow.Subscription subscription;

        private Subscriber(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<CappedBody> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (body.isDone()) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                byte[] chunk = new byte[Math.min(buffer.remaining(), limit - received.size())];
                buffer.get(chunk);
                received.writeBytes(chunk);
                if (buffer.hasRemaining()) {
                    // Nothing past the limit is kept, so stop the transfer instead of draining it.
                    subscription.cancel();
                    body.complete(new CappedBody(received.toByteArray(), true));
                    return;
                }
            }
        }

        @Override
        public void onError(Throwable error) {
            body.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            body.complete(new CappedBody(received.toByteArray(), false));
        }
    }
}
