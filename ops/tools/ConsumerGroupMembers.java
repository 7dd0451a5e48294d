import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Prints the members of a Kafka consumer group, one line each: the host it connects from and the
 * partitions it holds ("10.213.128.12 workflow.trigger-1"). The multi-host rehearsal uses it to see
 * that a host's worker is back in the group, by its address. Bounded: 15 s.
 *
 * <pre>java -cp "KAFKA_LIBS/*" ops/tools/ConsumerGroupMembers.java BOOTSTRAP GROUP</pre>
 */
public final class ConsumerGroupMembers {

    private ConsumerGroupMembers() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: ConsumerGroupMembers BOOTSTRAP GROUP");
            System.exit(2);
        }
        Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0],
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        try (Admin admin = Admin.create(config)) {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(args[1])).all()
                    .get(15, TimeUnit.SECONDS).get(args[1]);
            for (MemberDescription member : group.members()) {
                String partitions = member.assignment().topicPartitions().stream().map(TopicPartition::toString)
                        .sorted().collect(Collectors.joining(","));
                System.out.println(member.host().replaceFirst("^/", "") + " " + (partitions.isEmpty() ? "-" : partitions));
            }
        }
    }
}
