package io.workflow.adapters.steps;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * The JVM's host name resolver (installed through {@code META-INF/services}), which judges every
 * answer looked up for a webhook against its {@link WebhookAddressPolicy} before anyone can connect
 * to it. Lookups for anything else (PostgreSQL, Kafka, Redis, tests) pass through to the JDK's own
 * resolver untouched.
 *
 * <p>Why here: {@link java.net.http.HttpClient} looks a URL's host up itself, just before it
 * connects. Checking the addresses beforehand and letting the client look again would let a DNS
 * server that answers a public address first and a loopback one next (DNS rebinding) steer the
 * connection; connecting to a checked IP literal instead would break TLS (the server name sent and
 * the certificate checked are the URL's host) and needs the restricted {@code Host} header. Judging
 * inside the single lookup the client makes keeps the URL, TLS and {@code Host} as they are, and
 * the connection can only go to an address that passed.
 *
 * <p>Which lookups are for webhooks: those made on the webhook client's threads, each of which runs
 * with the policy in a thread-local (the executor's thread factory sets it: one thread per task), and those made on that
 * client's selector thread (where the JDK retries a failed connection), named
 * {@code HttpClient-<id>-SelectorManager} after the client's id.
 *
 * <p>The JDK caches answers (30 s) above any resolver, so a cached answer reaches the client
 * without passing here: the executor therefore also checks, on a policed thread, the whole answer
 * the cache holds just before it sends ({@link WebhookAddressPolicy#check}). Only webhook calls look
 * up the names webhooks call, so every answer in the cache for such a name was either judged here
 * when it was fetched or is judged there before use.
 */
public final class WebhookLookups extends InetAddressResolverProvider {
    private static final ThreadLocal<WebhookAddressPolicy> POLICY = new ThreadLocal<>();
    private static final Map<String, WebhookAddressPolicy> POLICED_THREAD_NAMES = new ConcurrentHashMap<>();
    /** Bounded: cleared when full, it only words errors. */
    private static final Map<String, String> REFUSALS = new ConcurrentHashMap<>();
    private static final int MAX_REFUSALS = 10_000;
    private static final AtomicBoolean INSTALLED = new AtomicBoolean();
    /** What the JDK's resolver would answer; tests stand in a DNS server of their own. */
    private static volatile InetAddressResolver upstream;

    @Override
    public InetAddressResolver get(Configuration configuration) {
        upstream = configuration.builtinResolver();
        INSTALLED.set(true);
        return new PolicedResolver();
    }

    @Override
    public String name() {
        return "webhook address policy";
    }

    /** A thread factory whose threads look names up under the policy. */
    static ThreadFactory policed(WebhookAddressPolicy policy, ThreadFactory threads) {
        return task -> threads.newThread(() -> {
            POLICY.set(policy);
            task.run();
        });
    }

    /** Looks names up under the policy on the named thread too (an HTTP client's selector thread); until {@link #release}. */
    static void police(String threadName, WebhookAddressPolicy policy) {
        POLICED_THREAD_NAMES.put(threadName, policy);
    }

    static void release(String threadName) {
        POLICED_THREAD_NAMES.remove(threadName);
    }

    /** Every address of the host under the policy, cached or not. */
    static List<InetAddress> resolve(String host, WebhookAddressPolicy policy) throws UnknownHostException {
        WebhookAddressPolicy outer = POLICY.get();
        POLICY.set(policy);
        try {
            List<InetAddress> addresses = List.of(InetAddress.getAllByName(host));
            policy.check(host, addresses);
            return addresses;
        } finally {
            if (outer == null) {
                POLICY.remove();
            } else {
                POLICY.set(outer);
            }
        }
    }

    /**
     * Fails unless this resolver is the JVM's: without it the HTTP client's own lookups would go
     * unjudged. The first lookup of a name loads the JVM's resolver, so one is made if none was yet.
     */
    static void requireInstalled() {
        if (!INSTALLED.get()) {
            try {
                InetAddress.getAllByName("localhost");
            } catch (UnknownHostException e) {
                // Any lookup loads the resolver, answered or not.
            }
        }
        if (!INSTALLED.get()) {
            throw new IllegalStateException("the webhook address resolver (" + WebhookLookups.class.getName()
                    + ") is not the JVM's resolver: is another InetAddressResolverProvider on the class path?");
        }
    }

    /** Stands another resolver in for the JDK's and returns the one it replaces (tests: a DNS server that rebinds). */
    static InetAddressResolver replaceUpstream(InetAddressResolver resolver) {
        InetAddressResolver previous = upstream;
        upstream = resolver;
        return previous;
    }

    /**
     * Why the last lookup of the host under a policy was refused, if it was: the HTTP client turns a
     * refused lookup into a bare "unresolved address", and the step's error should say why.
     */
    static Optional<String> lastRefusal(String host) {
        return Optional.ofNullable(REFUSALS.get(host));
    }

    private static Optional<WebhookAddressPolicy> currentPolicy() {
        WebhookAddressPolicy policy = POLICY.get();
        if (policy != null) {
            return Optional.of(policy);
        }
        return Optional.ofNullable(POLICED_THREAD_NAMES.get(Thread.currentThread().getName()));
    }

    private static final class PolicedResolver implements InetAddressResolver {
        @Override
        public Stream<InetAddress> lookupByName(String host, LookupPolicy lookupPolicy) throws UnknownHostException {
            List<InetAddress> addresses = upstream.lookupByName(host, lookupPolicy).toList();
            Optional<WebhookAddressPolicy> policy = currentPolicy();
            if (policy.isPresent()) {
                try {
                    policy.get().check(host, addresses);
                } catch (BlockedAddressException e) {
                    if (REFUSALS.size() >= MAX_REFUSALS) {
                        REFUSALS.clear();
                    }
                    REFUSALS.put(host, e.reason());
                    throw e;
                }
            }
            return addresses.stream();
        }

        @Override
        public String lookupByAddress(byte[] address) throws UnknownHostException {
            return upstream.lookupByAddress(address);
        }
    }
}
