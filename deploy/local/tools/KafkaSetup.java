import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Prepares the local broker in one JVM: the topics of topics.txt (created, or re-configured when they exist) and, with SASL, the SCRAM
 * principal of each service and the ACLs of acls.txt. Idempotent.
 *
 * Usage (broker classpath): java -cp 'libs/*' KafkaSetup.java bootstrap topics.txt acls.txt plaintext|sasl
 * The admin password comes from ANAISS_KAFKA_ADMIN_PASSWORD.
 */
public class KafkaSetup {

    public static void main(String[] args) throws Exception {
        boolean sasl = args[3].equals("sasl");
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        if (sasl) {
            p.put("security.protocol", "SASL_PLAINTEXT");
            p.put("sasl.mechanism", "SCRAM-SHA-512");
            p.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"admin\" password=\""
                    + System.getenv().getOrDefault("ANAISS_KAFKA_ADMIN_PASSWORD", "admin-local-only") + "\";");
        }
        try (Admin admin = Admin.create(p)) {
            List<NewTopic> topics = new ArrayList<>();
            for (String[] f : lines(args[1])) {
                Map<String, String> configs = new HashMap<>();
                if (f.length > 2) {
                    for (String c : f[2].split(",")) {
                        String[] kv = c.split("=", 2);
                        configs.put(kv[0], kv[1]);
                    }
                }
                topics.add(new NewTopic(f[0], Integer.parseInt(f[1]), (short) 1).configs(configs));
            }
            for (NewTopic t : topics) {
                try {
                    admin.createTopics(List.of(t)).all().get(60, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                    // an existing topic takes the settings of topics.txt too (a changed retention applies at once)
                    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, t.name());
                    List<AlterConfigOp> ops = t.configs().entrySet().stream()
                            .map(c -> new AlterConfigOp(new ConfigEntry(c.getKey(), c.getValue()), AlterConfigOp.OpType.SET))
                            .toList();
                    if (!ops.isEmpty()) {
                        admin.incrementalAlterConfigs(Map.of(resource, ops)).all().get(60, TimeUnit.SECONDS);
                    }
                }
            }
            System.out.println("topics ready: " + topics.size());
            if (!sasl) {
                return;
            }
            List<String[]> acls = lines(args[2]);
            List<UserScramCredentialAlteration> users = acls.stream().map(f -> f[0]).distinct()
                    .map(user -> (UserScramCredentialAlteration) new UserScramCredentialUpsertion(user,
                            new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), user + "-local-only"))
                    .toList();
            admin.alterUserScramCredentials(users).all().get(60, TimeUnit.SECONDS);
            List<AclBinding> bindings = new ArrayList<>();
            for (String[] f : acls) {
                for (String op : f[1].split(",")) {
                    bindings.add(new AclBinding(
                            new ResourcePattern(ResourceType.valueOf(f[2].toUpperCase(Locale.ROOT)), f[3],
                                    PatternType.valueOf(f[4].toUpperCase(Locale.ROOT))),
                            new AccessControlEntry("User:" + f[0], "*", AclOperation.valueOf(op.toUpperCase(Locale.ROOT)),
                                    AclPermissionType.ALLOW)));
                }
            }
            admin.createAcls(bindings).all().get(60, TimeUnit.SECONDS);
            System.out.println("principals ready: " + users.size() + ", ACL entries: " + bindings.size());
        }
    }

    private static List<String[]> lines(String file) throws Exception {
        return Files.readAllLines(Path.of(file)).stream().map(String::trim)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).map(l -> l.split("\\s+")).toList();
    }
}
