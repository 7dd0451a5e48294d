package io.workflow.adapters.steps;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookAddressPolicyTest {
    private final WebhookAddressPolicy publicOnly = WebhookAddressPolicy.publicOnly();

    @ParameterizedTest(name = "{0} is refused: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            127.0.0.1             | 127.0.0.1 is a loopback address
            127.1                 | 127.1 means 127.0.0.1 is a loopback address
            2130706433            | 2130706433 means 127.0.0.1 is a loopback address
            0x7f.1                | 0x7f.1 means 127.0.0.1 is a loopback address
            0x7f000001            | 0x7f000001 means 127.0.0.1 is a loopback address
            017700000001          | 017700000001 means 127.0.0.1 is a loopback address
            0177.0.0.01           | 0177.0.0.01 means 127.0.0.1 is a loopback address
            127.0.0.1.            | 127.0.0.1. means 127.0.0.1 is a loopback address
            [::1]                 | [::1] means 0:0:0:0:0:0:0:1 is a loopback address
            [::ffff:127.0.0.1]    | [::ffff:127.0.0.1] means 127.0.0.1 is a loopback address
            [::ffff:7f00:1]       | [::ffff:7f00:1] means 127.0.0.1 is a loopback address
            [::127.0.0.1]         | IPv4-compatible form of 127.0.0.1 is a loopback address
            [64:ff9b::a9fe:a9fe]  | NAT64 form of 169.254.169.254 is the cloud metadata service's address
            [2002:a00:1::]        | 6to4 form of 10.0.0.1 is a private address (RFC 1918)
            0                     | 0 means 0.0.0.0 is the unspecified address
            0.0.0.0               | 0.0.0.0 is the unspecified address
            [::]                  | [::] means 0:0:0:0:0:0:0:0 is the unspecified address
            10.0.0.1              | 10.0.0.1 is a private address (RFC 1918)
            172.16.5.4            | 172.16.5.4 is a private address (RFC 1918)
            172.31.255.255        | 172.31.255.255 is a private address (RFC 1918)
            192.168.1.1           | 192.168.1.1 is a private address (RFC 1918)
            100.64.0.1            | 100.64.0.1 is a carrier-grade NAT address (RFC 6598)
            100.127.255.254       | 100.127.255.254 is a carrier-grade NAT address (RFC 6598)
            169.254.169.254       | 169.254.169.254 is the cloud metadata service's address
            0xa9fea9fe            | means 169.254.169.254 is the cloud metadata service's address
            169.254.1.1           | 169.254.1.1 is a link-local address
            [fd00:ec2::254]       | the cloud metadata service's address
            [fd12:3456::1]        | is a unique-local address
            [fe80::1]             | is a link-local address
            [fec0::1]             | is a site-local address
            [ff02::1]             | is a multicast address
            224.0.0.1             | 224.0.0.1 is a multicast address
            255.255.255.255       | 255.255.255.255 is the broadcast address
            240.0.0.1             | 240.0.0.1 is a reserved address
            localhost             | localhost names this machine
            LOCALHOST.            | LOCALHOST. names this machine
            api.localhost         | api.localhost names this machine
            """)
    void blockedHostsAreRefusedAtCreation_withTheReason(String host, String reason) {
        assertThat(publicOnly.refusal(host)).hasValueSatisfying(why -> assertThat(why)
                .contains(reason)
                .contains("WEBHOOK_ALLOW"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "93.184.216.34", "8.8.8.8", "[2606:4700:4700::1111]", "172.32.0.1",
            "100.128.0.1", "169.253.255.255", "1.1", "hooks.example.org.", "0x7f.example"})
    void publicAddressesAndNames_passTheCreationCheck(String host) {
        assertThat(publicOnly.refusal(host)).isEmpty();
    }

    @Test
    void theAllowList_opensExactlyItsBlocksAndNames() {
        WebhookAddressPolicy policy = WebhookAddressPolicy.parse(" 127.0.0.0/8 , ::1, receiver.internal, 10.1.0.0/16");

        assertThat(policy.refusal("127.0.0.1")).isEmpty();
        assertThat(policy.refusal("2130706433")).isEmpty();
        assertThat(policy.refusal("[::1]")).isEmpty();
        assertThat(policy.refusal("10.1.200.3")).isEmpty();
        assertThat(policy.refusal("10.2.0.1")).isPresent();
        assertThat(policy.refusal("169.254.169.254")).isPresent();
        assertThat(policy.refusal("[::2]")).isPresent();
        assertThat(policy.refusal("localhost")).as("localhost means loopback, which the list opens").isEmpty();
        assertThat(WebhookAddressPolicy.parse("10.0.0.0/8").refusal("localhost")).isPresent();
        assertThat(policy.toString()).isEqualTo("public addresses and 127.0.0.0/8, 0:0:0:0:0:0:0:1/128, 10.1.0.0/16, receiver.internal");
    }

    @Test
    void anAllowedName_mayResolveAnywhere_andOtherNamesMayNot() throws Exception {
        WebhookAddressPolicy policy = WebhookAddressPolicy.parse("receiver.internal");
        List<InetAddress> loopback = List.of(InetAddress.getByName("127.0.0.1"));

        policy.check("Receiver.Internal", loopback);
        assertThatThrownBy(() -> policy.check("other.internal", loopback))
                .isInstanceOf(BlockedAddressException.class)
                .hasMessageStartingWith("other.internal resolves to 127.0.0.1 is a loopback address");
    }

    @Test
    void aNameWithOnePublicAndOneInternalAnswer_isRefused() throws Exception {
        List<InetAddress> mixed = List.of(InetAddress.getByName("93.184.216.34"), InetAddress.getByName("10.0.0.7"));

        assertThatThrownBy(() -> publicOnly.check("mixed.example", mixed))
                .isInstanceOf(BlockedAddressException.class)
                .hasMessageContaining("10.0.0.7 is a private address");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "not a host!", "::1/129", "10.0.0.0/x"})
    void aMalformedAllowListEntry_failsNamingIt(String entry) {
        assertThatThrownBy(() -> WebhookAddressPolicy.parse("127.0.0.0/8," + entry))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(entry.substring(0, entry.indexOf('/') < 0 ? entry.length() : entry.indexOf('/')));
    }
}
