package io.workflow.adapters.steps;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * The addresses a webhook may not reach unless an operator opens them: everything that is not a
 * public unicast address of the internet, where a request forged by a workflow could reach the
 * service itself, its neighbours or a cloud's metadata service. IPv6 forms that carry an IPv4
 * address (mapped, compatible, NAT64, 6to4) are judged by the address they carry.
 */
final class BlockedAddresses {
    private record Range(Cidr cidr, String what) {
        Range(String cidr, String what) {
            this(Cidr.parse(cidr), what);
        }
    }

    /** First match wins: the metadata and broadcast addresses before the blocks that hold them. */
    private static final List<Range> RANGES = List.of(
            new Range("169.254.169.254/32", "the cloud metadata service's address"),
            new Range("fd00:ec2::254/128", "the cloud metadata service's address"),
            new Range("255.255.255.255/32", "the broadcast address"),
            new Range("0.0.0.0/32", "the unspecified address"),
            new Range("0.0.0.0/8", "a 'this network' address (RFC 791)"),
            new Range("127.0.0.0/8", "a loopback address"),
            new Range("10.0.0.0/8", "a private address (RFC 1918)"),
            new Range("172.16.0.0/12", "a private address (RFC 1918)"),
            new Range("192.168.0.0/16", "a private address (RFC 1918)"),
            new Range("100.64.0.0/10", "a carrier-grade NAT address (RFC 6598)"),
            new Range("169.254.0.0/16", "a link-local address"),
            new Range("192.0.0.0/24", "an IETF protocol address (RFC 6890)"),
            new Range("198.18.0.0/15", "a benchmarking address (RFC 2544)"),
            new Range("224.0.0.0/4", "a multicast address"),
            new Range("240.0.0.0/4", "a reserved address (RFC 1112)"),
            new Range("::/128", "the unspecified address"),
            new Range("::1/128", "a loopback address"),
            new Range("fc00::/7", "a unique-local address"),
            new Range("fe80::/10", "a link-local address"),
            new Range("fec0::/10", "a site-local address"),
            new Range("ff00::/8", "a multicast address"));

    /**
     * IPv6 blocks whose last four bytes are an IPv4 address. IPv4-mapped addresses
     * ({@code ::ffff:127.0.0.1}, {@code ::ffff:7f00:1}) are not among them: the JDK turns every one
     * into its IPv4 address as it reads it, literal or resolved, so they are judged as that address.
     */
    private static final List<Range> CARRIERS_OF_IPV4 = List.of(
            new Range("::/96", "an IPv4-compatible form"),
            new Range("64:ff9b::/96", "a NAT64 form"));
    private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");

    private BlockedAddresses() {
    }

    /** Why the address is blocked ("127.0.0.1 is a loopback address"), or empty when it is a public unicast address. */
    static Optional<String> reason(InetAddress address) {
        for (Range range : RANGES) {
            if (range.cidr().contains(address)) {
                return Optional.of(address.getHostAddress() + " is " + range.what());
            }
        }
        for (Range carrier : CARRIERS_OF_IPV4) {
            if (carrier.cidr().contains(address)) {
                InetAddress carried = Cidr.lastFourBytes(address).orElseThrow();
                return reason(carried).map(why -> address.getHostAddress() + " is " + carrier.what() + " of " + why);
            }
        }
        if (SIX_TO_FOUR.contains(address)) {
            byte[] bytes = address.getAddress();
            InetAddress carried = HostLiterals.address((bytes[2] & 0xff) + "." + (bytes[3] & 0xff) + "."
                    + (bytes[4] & 0xff) + "." + (bytes[5] & 0xff)).orElseThrow();
            return reason(carried).map(why -> address.getHostAddress() + " is a 6to4 form of " + why);
        }
        return Optional.empty();
    }
}
