package io.workflow.adapters.steps;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Optional;

/** A block of addresses, {@code 10.0.0.0/8} or {@code fc00::/7}: the first {@code prefix} bits of {@code network}. */
record Cidr(byte[] network, int prefix) {
    Cidr {
        network = network.clone();
        if (prefix < 0 || prefix > network.length * 8) {
            throw new IllegalArgumentException("prefix /" + prefix + " does not fit a " + network.length * 8 + "-bit address");
        }
    }

    /**
     * Parses {@code address/prefix}, or a lone address (a block of one). Only address literals: a
     * name here would be looked up, which a configuration must not do.
     */
    static Cidr parse(String text) {
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        InetAddress network = HostLiterals.address(address)
                .orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not an address or address/prefix"));
        int bits = network.getAddress().length * 8;
        if (slash < 0) {
            return new Cidr(network.getAddress(), bits);
        }
        try {
            return new Cidr(network.getAddress(), Integer.parseInt(text.substring(slash + 1)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' has no valid prefix length", e);
        }
    }

    /** Whether the address lies in this block; an IPv4 address is never in an IPv6 block, nor the other way round. */
    boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != network.length) {
            return false;
        }
        int whole = prefix / 8;
        for (int i = 0; i < whole; i++) {
            if (bytes[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xff << (8 - rest) & 0xff;
        return (bytes[whole] & mask) == (network[whole] & mask);
    }

    /** The IPv4 address held in the last four bytes of an IPv6 one. */
    static Optional<InetAddress> lastFourBytes(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != 16) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(Arrays.copyOfRange(bytes, 12, 16)));
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cidr cidr && prefix == cidr.prefix && Arrays.equals(network, cidr.network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefix;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
