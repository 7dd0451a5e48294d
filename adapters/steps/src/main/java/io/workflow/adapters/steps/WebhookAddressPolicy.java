package io.workflow.adapters.steps;

import io.workflow.domain.port.WebhookHostCheck;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which addresses webhooks may reach: every public unicast address, and of the others
 * ({@link BlockedAddresses}) only what the operator's allow-list ({@code WEBHOOK_ALLOW}) opens: an
 * address block ({@code 127.0.0.0/8}, {@code ::1}) or a host name ({@code receiver.internal}), a
 * name being allowed whatever it resolves to. Judges a host as written when a workflow is created
 * ({@link #refusal(String)}) and every address a name resolves to when a run calls it
 * ({@link #check(String, List)}).
 */
public final class WebhookAddressPolicy implements WebhookHostCheck {
    private final List<Cidr> allowedBlocks;
    private final Set<String> allowedNames;

    private WebhookAddressPolicy(List<Cidr> allowedBlocks, Set<String> allowedNames) {
        this.allowedBlocks = List.copyOf(allowedBlocks);
        this.allowedNames = Set.copyOf(allowedNames);
    }

    /** Nothing opened: only public addresses. */
    public static WebhookAddressPolicy publicOnly() {
        return allowing(List.of());
    }

    /**
     * Opens each entry: an address, an address block ({@code 10.1.0.0/16}) or a host name.
     * @throws IllegalArgumentException for an entry that is none of these, naming it
     */
    public static WebhookAddressPolicy allowing(List<String> entries) {
        List<Cidr> blocks = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String raw : entries) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.contains("/") || HostLiterals.address(entry).isPresent()) {
                blocks.add(Cidr.parse(entry.startsWith("[") ? entry.replace("[", "").replace("]", "") : entry));
            } else if (entry.matches("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?\\.?")) {
                names.add(normalName(entry));
            } else {
                throw new IllegalArgumentException("webhook allow-list entry '" + entry + "' is neither an address block nor a host name");
            }
        }
        return new WebhookAddressPolicy(blocks, Set.copyOf(names));
    }

    /** Reads a comma-separated allow-list, as {@code WEBHOOK_ALLOW} holds it ({@code 127.0.0.0/8,::1}); blank opens nothing. */
    public static WebhookAddressPolicy parse(String allowList) {
        return allowing(allowList == null ? List.of() : Arrays.asList(allowList.split(",")));
    }

    /**
     * Judges a host as written in a URL, without a lookup: an address literal in any spelling
     * ({@code 2130706433}, {@code 0x7f.1}, {@code [::ffff:7f00:1]}) and the names that mean this
     * machine by definition ({@code localhost}, {@code *.localhost}, RFC 6761). Other names pass:
     * they are judged at each call, against what they then resolve to.
     */
    @Override
    public Optional<String> refusal(String host) {
        String name = normalName(host);
        if (allowedNames.contains(name)) {
            return Optional.empty();
        }
        Optional<InetAddress> literal = HostLiterals.address(host);
        if (literal.isPresent()) {
            return refusal(literal.get()).map(why -> host.equals(literal.get().getHostAddress()) ? why : host + " means " + why);
        }
        if (name.equals("localhost") || name.endsWith(".localhost")) {
            // Judged as the loopback address it means, so an allow-list that opens loopback opens it too.
            return refusal(InetAddress.getLoopbackAddress()).map(why -> host + " names this machine: " + why);
        }
        return Optional.empty();
    }

    /**
     * Judges every address a host resolved to: the call may go ahead only when each one is allowed,
     * so a name that mixes public and internal answers is refused whichever one a client would pick.
     * @throws BlockedAddressException naming the first forbidden address and why
     */
    void check(String host, List<InetAddress> addresses) throws BlockedAddressException {
        if (allowedNames.contains(normalName(host))) {
            return;
        }
        for (InetAddress address : addresses) {
            Optional<String> refusal = refusal(address);
            if (refusal.isPresent()) {
                throw new BlockedAddressException(host.equals(address.getHostAddress())
                        ? refusal.get() : host + " resolves to " + refusal.get());
            }
        }
    }

    /** What the allow-list opens, for logs: {@code 127.0.0.0/8, ::1/128, receiver.internal}. */
    @Override
    public String toString() {
        String opened = allowedBlocks.stream().map(Cidr::toString).collect(Collectors.joining(", "));
        String names = String.join(", ", allowedNames.stream().sorted().toList());
        String all = opened.isEmpty() ? names : names.isEmpty() ? opened : opened + ", " + names;
        return all.isEmpty() ? "public addresses only" : "public addresses and " + all;
    }

    private Optional<String> refusal(InetAddress address) {
        if (allowedBlocks.stream().anyMatch(block -> block.contains(address))) {
            return Optional.empty();
        }
        return BlockedAddresses.reason(address).map(why -> why + howToOpen());
    }

    private static String howToOpen() {
        return "; webhooks may call only public addresses unless WEBHOOK_ALLOW opens others";
    }

    private static String normalName(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
}
