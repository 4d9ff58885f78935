package org.anaiss.k8s;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.acl.AclOperation;
import io.strimzi.api.kafka.model.user.acl.AclResourcePatternType;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleGroupResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleType;

/**
 * The policies the rendered manifests must meet. Each check returns its violations, one readable line each
 * ("Kind/name: what is wrong"); an empty list means the check passes. The checks work on the typed models
 * {@link StrictParser} produced, so they only run on manifests that parsed.
 */
public final class Policies {

    /** The ANAISS services: the Deployments the policies are about. */
    public static final List<String> SERVICES = List.of("gateway", "case-service", "outreach-service", "stats-service");
    public static final String NAME = "app.kubernetes.io/name";
    public static final String NAMESPACE_NAME = "kubernetes.io/metadata.name";

    /** Assumptions of the NetworkPolicies, documented in the README. */
    public static final Map<String, String> INGRESS_CONTROLLER_NAMESPACE = Map.of(NAMESPACE_NAME, "ingress-nginx");
    /** The data plane of the Gateway "anaiss" (the label the Gateway API asks implementations to set), in the namespace. */
    public static final Map<String, String> GATEWAY_DATA_PLANE = Map.of("gateway.networking.k8s.io/gateway-name", "anaiss");
    /** What the edge may publish: the gateway's /api/, and Keycloak's login paths of the realm. */
    public static final Map<String, Set<String>> PUBLISHED = Map.of("gateway", Set.of("/api/"),
            "keycloak-service", Set.of("/realms/anaiss/", "/resources/"));
    public static final Map<String, String> MONITORING_NAMESPACE = Map.of(NAMESPACE_NAME, "monitoring");
    public static final Map<String, String> PROMETHEUS = Map.of(NAME, "prometheus");

    /** Where a pod may open connections to: a peer must pin these labels, and the rule's ports must be among these. */
    public record Target(String description, Map<String, String> namespaceLabels, Map<String, String> podLabels,
            Set<Integer> ports, String cidr) {

        static Target pods(String description, Map<String, String> podLabels, Integer... ports) {
            return new Target(description, null, podLabels, Set.of(ports), null);
        }

        static Target external(String description, String cidr, Integer... ports) {
            return new Target(description, null, null, Set.of(ports), cidr);
        }
    }

    public static final Target DNS = new Target("cluster DNS", Map.of(NAMESPACE_NAME, "kube-system"),
            Map.of("k8s-app", "kube-dns"), Set.of(53), null);
    public static final Target KAFKA = Target.pods("Kafka brokers",
            Map.of("strimzi.io/cluster", "anaiss", "strimzi.io/broker-role", "true"), 9093);
    public static final Target KEYCLOAK = Target.pods("Keycloak",
            Map.of("app", "keycloak", "app.kubernetes.io/managed-by", "keycloak-operator"), 8080);

    /** The OpenTelemetry collector the traces go to (components/monitoring): namespace monitoring, OTLP over HTTP. */
    public static final Target OTLP_COLLECTOR = new Target("OpenTelemetry collector (OTLP/HTTP)", MONITORING_NAMESPACE,
            Map.of(NAME, "opentelemetry-collector"), Set.of(4318), null);

    public static Target database(String cluster) {
        return Target.pods("PostgreSQL " + cluster, Map.of("cnpg.io/cluster", cluster), 5432);
    }

    public static Target service(String name) {
        return Target.pods(name, Map.of(NAME, name), 8080);
    }

    /**
     * What each service may reach, and nothing else (docs/DESIGN.md; stats-service: Kafka, its database, Keycloak), plus
     * the trace collector (spans carry no personal data: SpanRedaction in each service).
     */
    public static final Map<String, List<Target>> EGRESS = Map.of(
            "gateway", List.of(DNS, KEYCLOAK, service("case-service"), service("outreach-service"), service("stats-service"),
                    database("pg-gateway"), OTLP_COLLECTOR),
            "case-service", List.of(DNS, KEYCLOAK, KAFKA, database("pg-cases"), service("outreach-service"), OTLP_COLLECTOR),
            "outreach-service", List.of(DNS, KEYCLOAK, KAFKA, database("pg-outreach"), OTLP_COLLECTOR,
                    Target.external("mail relay (SMTP submission)", "0.0.0.0/0", 587),
                    Target.pods("dev mail catcher", Map.of(NAME, "mailcatcher"), 1025)),
            "stats-service", List.of(DNS, KEYCLOAK, KAFKA, database("pg-stats"), OTLP_COLLECTOR));

    /**
     * Which pods may call each service besides the scraper: the gateway, and for outreach-service also
     * case-service (its part of a person's export for the DPO, the one service-to-service call).
     */
    public static final Map<String, List<String>> CALLERS = Map.of(
            "case-service", List.of("gateway"),
            "outreach-service", List.of("gateway", "case-service"),
            "stats-service", List.of("gateway"));

    private Policies() {
    }

    /** Every check, on one rendered overlay. */
    public static List<String> all(List<Manifest> manifests) {
        return Stream.of(
                containers(manifests),
                operandResources(manifests),
                noSecretData(manifests),
                noExposedServices(manifests),
                ingressOnlyToGateway(manifests),
                gatewayApiOnlyToGateway(manifests),
                networkPolicyCoverage(manifests),
                ingressSources(manifests),
                egressAllowlist(manifests),
                statsServiceKafkaAcls(manifests),
                companions(manifests),
                configMapReferences(manifests))
                .flatMap(List::stream)
                .toList();
    }

    // ------------------------------------------------------------------ workloads

    /**
     * Every container of every Deployment: non-root, no privilege escalation, read-only root filesystem, all
     * capabilities dropped, seccomp RuntimeDefault, CPU and memory requests and limits, the three SmallRye
     * Health probes, a pinned image; no host namespaces, host ports or host paths; no service-account token.
     */
    public static List<String> containers(List<Manifest> manifests) {
        List<String> v = new ArrayList<>();
        for (Manifest m : of(manifests, "Deployment")) {
            PodSpec pod = m.as(Deployment.class).getSpec().getTemplate().getSpec();
            String id = m.toString();
            PodSecurityContext psc = pod.getSecurityContext();
            if (!Boolean.FALSE.equals(pod.getAutomountServiceAccountToken())) {
                v.add(id + ": automountServiceAccountToken must be false");
            }
            if (Boolean.TRUE.equals(pod.getHostNetwork()) || Boolean.TRUE.equals(pod.getHostPID())
                    || Boolean.TRUE.equals(pod.getHostIPC())) {
                v.add(id + ": host network, PID or IPC namespace");
            }
            for (Volume vol : nullSafe(pod.getVolumes())) {
                if (vol.getHostPath() != null) {
                    v.add(id + ": hostPath volume " + vol.getName());
                }
            }
            if (psc != null && psc.getRunAsUser() != null && psc.getRunAsUser() == 0) {
                v.add(id + ": pod runs as user 0");
            }
            List<Container> all = new ArrayList<>(nullSafe(pod.getInitContainers()));
            all.addAll(nullSafe(pod.getContainers()));
            for (Container c : all) {
                boolean init = nullSafe(pod.getInitContainers()).contains(c);
                String cid = id + " container " + c.getName();
                SecurityContext sc = c.getSecurityContext();
                Boolean nonRoot = sc != null && sc.getRunAsNonRoot() != null ? sc.getRunAsNonRoot()
                        : psc == null ? null : psc.getRunAsNonRoot();
                if (!Boolean.TRUE.equals(nonRoot)) {
                    v.add(cid + ": runAsNonRoot must be true");
                }
                if (sc != null && sc.getRunAsUser() != null && sc.getRunAsUser() == 0) {
                    v.add(cid + ": runs as user 0");
                }
                if (sc == null || !Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())) {
                    v.add(cid + ": allowPrivilegeEscalation must be false");
                }
                if (sc == null || !Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem())) {
                    v.add(cid + ": readOnlyRootFilesystem must be true");
                }
                if (sc != null && Boolean.TRUE.equals(sc.getPrivileged())) {
                    v.add(cid + ": privileged");
                }
                Capabilities caps = sc == null ? null : sc.getCapabilities();
                if (caps == null || caps.getDrop() == null || !caps.getDrop().contains("ALL")) {
                    v.add(cid + ": capabilities must drop ALL");
                }
                if (caps != null && caps.getAdd() != null && !caps.getAdd().isEmpty()) {
                    v.add(cid + ": adds capabilities " + caps.getAdd());
                }
                SeccompProfile seccomp = sc != null && sc.getSeccompProfile() != null ? sc.getSeccompProfile()
                        : psc == null ? null : psc.getSeccompProfile();
                if (seccomp == null || !Set.of("RuntimeDefault", "Localhost").contains(seccomp.getType())) {
                    v.add(cid + ": seccompProfile must be RuntimeDefault");
                }
                ResourceRequirements r = c.getResources();
                for (String res : List.of("cpu", "memory")) {
                    if (r == null || r.getRequests() == null || !r.getRequests().containsKey(res)) {
                        v.add(cid + ": no " + res + " request");
                    }
                    if (r == null || r.getLimits() == null || !r.getLimits().containsKey(res)) {
                        v.add(cid + ": no " + res + " limit");
                    }
                }
                for (ContainerPort p : nullSafe(c.getPorts())) {
                    if (p.getHostPort() != null) {
                        v.add(cid + ": hostPort " + p.getHostPort());
                    }
                }
                String image = c.getImage() == null ? "" : c.getImage();
                String last = image.substring(image.lastIndexOf('/') + 1);
                if (!image.contains("@sha256:") && (!last.contains(":") || last.endsWith(":latest"))) {
                    v.add(cid + ": image " + image + " has no pinned tag or digest (the overlay sets it)");
                }
                if (!init) {
                    probe(v, cid, "startupProbe", c.getStartupProbe(), "/q/health/started");
                    probe(v, cid, "readinessProbe", c.getReadinessProbe(), "/q/health/ready");
                    probe(v, cid, "livenessProbe", c.getLivenessProbe(), "/q/health/live");
                }
            }
        }
        return v;
    }

    /**
     * The pods the operators run declare CPU and memory requests and limits too: the Kafka node pools and
     * the entity operator, every PostgreSQL cluster, Keycloak.
     */
    public static List<String> operandResources(List<Manifest> manifests) {
        List<String> v = new ArrayList<>();
        for (Manifest m : manifests) {
            List<String> paths = switch (m.kind()) {
                case "KafkaNodePool", "Cluster", "Keycloak" -> List.of("/spec/resources");
                case "Kafka" -> List.of("/spec/entityOperator/topicOperator/resources", "/spec/entityOperator/userOperator/resources",
                        "/spec/kafkaExporter/resources");
                default -> List.of();
            };
            for (String path : paths) {
                for (String kind : List.of("requests", "limits")) {
                    for (String res : List.of("cpu", "memory")) {
                        if (m.json().at(path + "/" + kind + "/" + res).isMissingNode()) {
                            v.add(m + ": no " + res + " " + kind + " at " + path.substring(1).replace('/', '.'));
                        }
                    }
                }
            }
        }
        return v;
    }

    private static void probe(List<String> v, String cid, String which, Probe probe, String path) {
        if (probe == null) {
            v.add(cid + ": no " + which);
            return;
        }
        HTTPGetAction get = probe.getHttpGet();
        if (get == null || !path.equals(get.getPath())) {
            v.add(cid + ": " + which + " must be an HTTP GET of " + path + " (SmallRye Health)");
        }
    }

    /** No Secret carries a value: Secrets are created beside the manifests, never committed. */
    public static List<String> noSecretData(List<Manifest> manifests) {
        List<String> v = new ArrayList<>();
        for (Manifest m : of(manifests, "Secret")) {
            Secret s = m.as(Secret.class);
            if ((s.getData() != null && !s.getData().isEmpty()) || (s.getStringData() != null && !s.getStringData().isEmpty())) {
                v.add(m + ": a Secret with data is committed (create it with kubectl instead: see README)");
            }
        }
        return v;
    }

    /** Services stay inside the cluster: ClusterIP only, no LoadBalancer, NodePort or ExternalName. */
    public static List<String> noExposedServices(List<Manifest> manifests) {
        List<String> v = new ArrayList<>();
        for (Manifest m : of(manifests, "Service")) {
            String type = m.as(Service.class).getSpec().getType();
            if (type != null && !"ClusterIP".equals(type)) {
                v.add(m + ": type " + type + " (only ClusterIP; the gateway is published by the edge)");
            }
        }
        return v;
    }

    /**
     * The Ingresses publish the gateway's /api/ and nothing else of ANAISS; the only other backend allowed is
     * Keycloak's public paths of the realm (/realms/anaiss/, /resources/), which browsers need to log in:
     * not the admin console, not the master realm. Every host has TLS from cert-manager.
     */
    public static List<String> ingressOnlyToGateway(List<Manifest> manifests) {
        List<String> v = new ArrayList<>();
        for (Manifest m : of(manifests, "Ingress")) {
            Ingress ing = m.as(Ingress.class);
            if (ing.getSpec().getDefaultBackend() != null) {
                v.add(m + ": a default backend publishes everything");
            }
            Set<String> tlsHosts = new HashSet<>();
            nullSafe(ing.getSpec().getTls()).forEach(t -> tlsHosts.addAll(nullSafe(t.getHosts())));
            for (IngressRule rule : nullSafe(ing.getSpec().getRules())) {
                if (rule.getHost() == null || !tlsHosts.contains(rule.getHost())) {
                    v.add(m + ": host " + rule.getHost() + " has no TLS");
                }
                if (rule.getHttp() == null) {
                    continue;
                }
                for (HTTPIngressPath path : rule.getHttp().getPaths()) {
                    IngressServiceBackend b = path.getBackend().getService();
                    String target = b == null ? "(resource backend)" : b.getName();
                    if (!PUBLISHED.getOrDefault(target, Set.of()).contains(path.getPath())) {
                        v.add(m + ": publishes " + target + " " + path.getPath()
                                + " (only gateway /api/ and Keycloak's /realms/anaiss/, /resources/)");
                    }
                }
            }
            if (ing.getMetadata().getAnnotations() == null
                    || !ing.getMetadata().getAnnotations().containsKey("cert-manager.io/cluster-issuer")) {
                v.add(m + ": no cert-manager.io/cluster-issuer annotation (TLS certificate)");
            }
        }
        return v;
    }

    /**
     * The Gateway API edge publishes what the Ingresses would, no more: every HTTPRoute attaches to one HTTPS
     * listener of the Gateway anaiss (sectionName, so its host is the listener's), every rule matches a path
     * prefix and sends it to the gateway's /api/ or Keycloak's login paths ({@link #PUBLISHED}); every listener
     * is HTTPS with a host and a certificate, and the Gateway asks cert-manager for it.
     */
    public static List<String> gatewayApiOnlyToGateway(List<Manifest> manifests) {
        List<String> v = new ArrayList<>();
        Set<String> listeners = new HashSet<>();
        for (Manifest m : of(manifests, "Gateway")) {
            Gateway gw = m.as(Gateway.class);
            for (Listener l : nullSafe(gw.getSpec().getListeners())) {
                listeners.add(m.name() + "/" + l.getName());
                if (!"HTTPS".equals(l.getProtocol()) || l.getTls() == null || nullSafe(l.getTls().getCertificateRefs()).isEmpty()) {
                    v.add(m + ": listener " + l.getName() + " is not HTTPS with a certificate");
                }
                if (l.getHostname() == null || l.getHostname().isBlank()) {
                    v.add(m + ": listener " + l.getName() + " has no hostname (it would answer for any host)");
                }
                if (l.getAllowedRoutes() == null || l.getAllowedRoutes().getNamespaces() == null
                        || !"Same".equals(l.getAllowedRoutes().getNamespaces().getFrom())) {
                    v.add(m + ": listener " + l.getName() + " accepts routes of other namespaces");
                }
            }
            if (gw.getMetadata().getAnnotations() == null
                    || !gw.getMetadata().getAnnotations().containsKey("cert-manager.io/cluster-issuer")) {
                v.add(m + ": no cert-manager.io/cluster-issuer annotation (TLS certificates)");
            }
        }
        for (Manifest m : of(manifests, "HTTPRoute")) {
            HTTPRoute route = m.as(HTTPRoute.class);
            for (ParentReference parent : nullSafe(route.getSpec().getParentRefs())) {
                if (parent.getSectionName() == null || !listeners.contains(parent.getName() + "/" + parent.getSectionName())) {
                    v.add(m + ": attaches to " + parent.getName() + "/" + parent.getSectionName()
                            + " (only a listener of this rendering's Gateway, named by sectionName)");
                }
            }
            for (HTTPRouteRule rule : nullSafe(route.getSpec().getRules())) {
                List<String> backends = nullSafe(rule.getBackendRefs()).stream().map(HTTPBackendRef::getName).toList();
                if (nullSafe(rule.getMatches()).isEmpty()) {
                    v.add(m + ": a rule without matches publishes everything of " + backends);
                }
                for (HTTPRouteMatch match : nullSafe(rule.getMatches())) {
                    String path = match.getPath() == null ? "/" : match.getPath().getValue();
                    String type = match.getPath() == null ? "PathPrefix" : match.getPath().getType();
                    for (String backend : backends) {
                        if (!"PathPrefix".equals(type) || !PUBLISHED.getOrDefault(backend, Set.of()).contains(path)) {
                            v.add(m + ": publishes " + backend + " " + path
                                    + " (only gateway /api/ and Keycloak's /realms/anaiss/, /resources/)");
                        }
                    }
                }
            }
        }
        return v;
    }

    // ------------------------------------------------------------------ network policies

    /**
     * A default deny of both directions for the namespace, and for every service a NetworkPolicy of its own
     * (selecting its pods by a non-empty selector) for ingress and one for egress.
     */
    public static List<String> networkPolicyCoverage(List<Manifest> manifests) {
        List<String> v = new ArrayList<>();
        List<NetworkPolicy> policies = of(manifests, "NetworkPolicy").stream().map(m -> m.as(NetworkPolicy.class)).toList();
        boolean defaultDeny = policies.stream().anyMatch(p -> Selectors.isEmpty(p.getSpec().getPodSelector())
                && types(p).containsAll(List.of("Ingress", "Egress"))
                && nullSafe(p.getSpec().getIngress()).isEmpty() && nullSafe(p.getSpec().getEgress()).isEmpty());
        if (!defaultDeny) {
            v.add("NetworkPolicy: no default deny of ingress and egress (podSelector {}, no rules)");
        }
        for (Manifest d : of(manifests, "Deployment")) {
            Map<String, String> labels = podLabels(d);
            for (String type : List.of("Ingress", "Egress")) {
                // its own: selecting it and no other Deployment (a shared policy, e.g. the trace export, does not count)
                boolean covered = policies.stream().anyMatch(p -> !Selectors.isEmpty(p.getSpec().getPodSelector())
                        && Selectors.matches(p.getSpec().getPodSelector(), labels) && types(p).contains(type)
                        && of(manifests, "Deployment").stream().filter(o -> o != d)
                                .noneMatch(o -> Selectors.matches(p.getSpec().getPodSelector(), podLabels(o))));
                if (!covered) {
                    v.add(d + ": no NetworkPolicy of its own for " + type);
                }
            }
        }
        return v;
    }

    /**
     * Who may connect to the services: the gateway only from the edge (the Ingress controller's namespace, or the
     * Gateway's data plane pods in the namespace) and the scraper; the
     * other services only from the gateway and the scraper ({@link #CALLERS}).
     */
    public static List<String> ingressSources(List<Manifest> manifests) {
        List<String> v = new ArrayList<>();
        for (Manifest d : of(manifests, "Deployment")) {
            boolean gateway = "gateway".equals(d.name());
            for (Manifest pm : selecting(manifests, d, "Ingress")) {
                NetworkPolicy p = pm.as(NetworkPolicy.class);
                for (NetworkPolicyIngressRule rule : nullSafe(p.getSpec().getIngress())) {
                    if (nullSafe(rule.getFrom()).isEmpty()) {
                        v.add(pm + " lets anyone reach " + d.name());
                        continue;
                    }
                    for (NetworkPolicyPeer peer : rule.getFrom()) {
                        boolean prometheus = peer.getIpBlock() == null
                                && Selectors.pins(peer.getNamespaceSelector(), MONITORING_NAMESPACE)
                                && Selectors.pins(peer.getPodSelector(), PROMETHEUS);
                        List<String> callers = CALLERS.getOrDefault(d.name(), List.of());
                        boolean edge = peer.getIpBlock() == null
                                && (Selectors.pins(peer.getNamespaceSelector(), INGRESS_CONTROLLER_NAMESPACE)
                                        || peer.getNamespaceSelector() == null && Selectors.pins(peer.getPodSelector(), GATEWAY_DATA_PLANE));
                        boolean allowed = gateway
                                ? edge
                                : peer.getIpBlock() == null && peer.getNamespaceSelector() == null
                                        && callers.stream().anyMatch(c -> Selectors.pins(peer.getPodSelector(), Map.of(NAME, c)));
                        if (!allowed && !prometheus) {
                            v.add(pm + " lets " + describe(peer) + " reach " + d.name()
                                    + (gateway ? " (only the edge and the scraper)" : " (only " + callers + " and the scraper)"));
                        }
                    }
                }
            }
        }
        return v;
    }

    /** Where each service may connect to ({@link #EGRESS}): every egress rule must pin one allowed target and its ports. */
    public static List<String> egressAllowlist(List<Manifest> manifests) {
        List<String> v = new ArrayList<>();
        for (Manifest d : of(manifests, "Deployment")) {
            List<Target> targets = EGRESS.get(d.name());
            if (targets == null) {
                v.add(d + ": no egress allowlist for this Deployment in Policies.EGRESS");
                continue;
            }
            for (Manifest pm : selecting(manifests, d, "Egress")) {
                NetworkPolicy p = pm.as(NetworkPolicy.class);
                for (NetworkPolicyEgressRule rule : nullSafe(p.getSpec().getEgress())) {
                    Set<Integer> ports = new HashSet<>();
                    boolean anyPort = nullSafe(rule.getPorts()).isEmpty();
                    for (NetworkPolicyPort port : nullSafe(rule.getPorts())) {
                        IntOrString n = port.getPort();
                        if (n == null || n.getIntVal() == null || port.getEndPort() != null) {
                            anyPort = true;
                        } else {
                            ports.add(n.getIntVal());
                        }
                    }
                    if (nullSafe(rule.getTo()).isEmpty()) {
                        v.add(pm + " lets " + d.name() + " connect anywhere");
                        continue;
                    }
                    for (NetworkPolicyPeer peer : rule.getTo()) {
                        boolean ok = !anyPort && targets.stream().anyMatch(t -> allows(t, peer, ports));
                        if (!ok) {
                            v.add(pm + " lets " + d.name() + " connect to " + describe(peer) + " on "
                                    + (anyPort ? "any port" : "ports " + ports) + " (allowed: "
                                    + targets.stream().map(Target::description).toList() + ")");
                        }
                    }
                }
            }
        }
        return v;
    }

    private static boolean allows(Target t, NetworkPolicyPeer peer, Set<Integer> ports) {
        if (!t.ports().containsAll(ports)) {
            return false;
        }
        if (t.cidr() != null) {
            return peer.getIpBlock() != null && t.cidr().equals(peer.getIpBlock().getCidr())
                    && peer.getPodSelector() == null && peer.getNamespaceSelector() == null;
        }
        if (peer.getIpBlock() != null) {
            return false;
        }
        boolean namespaceOk = t.namespaceLabels() == null ? peer.getNamespaceSelector() == null
                : Selectors.pins(peer.getNamespaceSelector(), t.namespaceLabels());
        return namespaceOk && Selectors.pins(peer.getPodSelector(), t.podLabels());
    }

    // ------------------------------------------------------------------ Kafka

    /**
     * stats-service may read stats-aggregates with its own consumer group, and do nothing else: only allow
     * rules, only Read/Describe on the literal topic stats-aggregates, only Read on groups named
     * stats-service (literal, or a prefix starting with it).
     */
    public static List<String> statsServiceKafkaAcls(List<Manifest> manifests) {
        List<String> v = new ArrayList<>();
        List<Manifest> users = of(manifests, "KafkaUser").stream().filter(m -> m.name().equals("stats-service")).toList();
        if (users.size() != 1) {
            return List.of("KafkaUser/stats-service: expected exactly one, found " + users.size());
        }
        KafkaUser user = users.get(0).as(KafkaUser.class);
        if (!(user.getSpec().getAuthorization() instanceof KafkaUserAuthorizationSimple simple)) {
            return List.of("KafkaUser/stats-service: authorization must be simple ACLs");
        }
        boolean readsTopic = false;
        boolean readsGroup = false;
        for (AclRule rule : nullSafe(simple.getAcls())) {
            Set<AclOperation> ops = EnumSet.noneOf(AclOperation.class);
            ops.addAll(nullSafe(rule.getOperations()));
            @SuppressWarnings("deprecation")
            AclOperation single = rule.getOperation();
            if (single != null) {
                ops.add(single);
            }
            if (rule.getType() != null && rule.getType() != AclRuleType.ALLOW) {
                continue; // a deny grants nothing
            }
            String grants = "KafkaUser/stats-service: grants " + ops.stream().map(AclOperation::toValue).toList() + " on ";
            if (rule.getResource() instanceof AclRuleTopicResource topic) {
                boolean statsAggregates = "stats-aggregates".equals(topic.getName())
                        && topic.getPatternType() != AclResourcePatternType.PREFIX;
                if (!statsAggregates) {
                    v.add(grants + "topic " + topic.getName() + " (" + topic.getPatternType().toValue() + ")");
                } else if (!Set.of(AclOperation.READ, AclOperation.DESCRIBE).containsAll(ops)) {
                    v.add(grants + "stats-aggregates (only Read and Describe)");
                }
                readsTopic |= statsAggregates && ops.contains(AclOperation.READ);
            } else if (rule.getResource() instanceof AclRuleGroupResource group) {
                boolean own = group.getName() != null && group.getName().startsWith("stats-service");
                if (!own) {
                    v.add(grants + "group " + group.getName());
                } else if (!Set.of(AclOperation.READ).containsAll(ops)) {
                    v.add(grants + "group " + group.getName() + " (only Read)");
                }
                readsGroup |= own && ops.contains(AclOperation.READ);
            } else {
                v.add(grants + rule.getResource().getType() + " (only the topic and its group)");
            }
        }
        if (!readsTopic || !readsGroup) {
            v.add("KafkaUser/stats-service: must be allowed to read stats-aggregates with its consumer group");
        }
        return v;
    }

    // ------------------------------------------------------------------ companions

    /**
     * Every service Deployment has its Service, ServiceAccount (no token), PodDisruptionBudget and
     * HorizontalPodAutoscaler, and leaves its replica count to the autoscaler.
     */
    public static List<String> companions(List<Manifest> manifests) {
        List<String> v = new ArrayList<>();
        for (Manifest d : of(manifests, "Deployment")) {
            Deployment dep = d.as(Deployment.class);
            Map<String, String> labels = podLabels(d);
            if (of(manifests, "Service").stream().map(m -> m.as(Service.class)).noneMatch(
                    s -> s.getSpec().getSelector() != null && !s.getSpec().getSelector().isEmpty()
                            && labels.entrySet().containsAll(s.getSpec().getSelector().entrySet()))) {
                v.add(d + ": no Service selects its pods");
            }
            if (of(manifests, "PodDisruptionBudget").stream().map(m -> m.as(PodDisruptionBudget.class))
                    .noneMatch(p -> Selectors.matches(p.getSpec().getSelector(), labels))) {
                v.add(d + ": no PodDisruptionBudget");
            }
            boolean hpa = of(manifests, "HorizontalPodAutoscaler").stream().map(m -> m.as(HorizontalPodAutoscaler.class))
                    .anyMatch(h -> "Deployment".equals(h.getSpec().getScaleTargetRef().getKind())
                            && d.name().equals(h.getSpec().getScaleTargetRef().getName()));
            if (!hpa) {
                v.add(d + ": no HorizontalPodAutoscaler");
            } else if (dep.getSpec().getReplicas() != null) {
                v.add(d + ": sets replicas although an autoscaler owns the count (every apply would reset it)");
            }
            String sa = dep.getSpec().getTemplate().getSpec().getServiceAccountName();
            List<ServiceAccount> accounts = of(manifests, "ServiceAccount").stream().filter(m -> m.name().equals(sa))
                    .map(m -> m.as(ServiceAccount.class)).toList();
            if (sa == null || accounts.isEmpty()) {
                v.add(d + ": no ServiceAccount of its own");
            } else if (!Boolean.FALSE.equals(accounts.get(0).getAutomountServiceAccountToken())) {
                v.add("ServiceAccount/" + sa + ": automountServiceAccountToken must be false");
            }
        }
        return v;
    }

    /** Every ConfigMap a container reads is part of the same rendering. */
    public static List<String> configMapReferences(List<Manifest> manifests) {
        List<String> v = new ArrayList<>();
        Set<String> configMaps = new HashSet<>();
        of(manifests, "ConfigMap").forEach(m -> configMaps.add(m.as(ConfigMap.class).getMetadata().getName()));
        for (Manifest d : of(manifests, "Deployment")) {
            for (Container c : d.as(Deployment.class).getSpec().getTemplate().getSpec().getContainers()) {
                for (EnvFromSource from : nullSafe(c.getEnvFrom())) {
                    if (from.getConfigMapRef() != null && !configMaps.contains(from.getConfigMapRef().getName())) {
                        v.add(d + ": reads the missing ConfigMap " + from.getConfigMapRef().getName());
                    }
                }
                for (EnvVar e : nullSafe(c.getEnv())) {
                    if (e.getValueFrom() != null && e.getValueFrom().getConfigMapKeyRef() != null
                            && !configMaps.contains(e.getValueFrom().getConfigMapKeyRef().getName())) {
                        v.add(d + ": reads the missing ConfigMap " + e.getValueFrom().getConfigMapKeyRef().getName());
                    }
                }
            }
        }
        return v;
    }

    // ------------------------------------------------------------------ helpers

    public static List<Manifest> of(List<Manifest> manifests, String kind) {
        return manifests.stream().filter(m -> m.kind().equals(kind)).toList();
    }

    public static Map<String, String> podLabels(Manifest deployment) {
        Map<String, String> labels = deployment.as(Deployment.class).getSpec().getTemplate().getMetadata().getLabels();
        return labels == null ? Map.of() : labels;
    }

    /** The NetworkPolicies of the same namespace that select the Deployment's pods for this direction. */
    public static List<Manifest> selecting(List<Manifest> manifests, Manifest deployment, String type) {
        Map<String, String> labels = podLabels(deployment);
        return of(manifests, "NetworkPolicy").stream()
                .filter(m -> Objects.equals(m.namespace(), deployment.namespace()))
                .filter(m -> {
                    NetworkPolicy p = m.as(NetworkPolicy.class);
                    return Selectors.matches(p.getSpec().getPodSelector(), labels) && types(p).contains(type);
                })
                .toList();
    }

    /** policyTypes as the API server defaults them: Ingress always, Egress when there are egress rules. */
    static List<String> types(NetworkPolicy p) {
        if (p.getSpec().getPolicyTypes() != null && !p.getSpec().getPolicyTypes().isEmpty()) {
            return p.getSpec().getPolicyTypes();
        }
        return nullSafe(p.getSpec().getEgress()).isEmpty() ? List.of("Ingress") : List.of("Ingress", "Egress");
    }

    private static String describe(NetworkPolicyPeer peer) {
        if (peer.getIpBlock() != null) {
            return "ipBlock " + peer.getIpBlock().getCidr();
        }
        String namespaces = peer.getNamespaceSelector() == null ? "this namespace" : "namespaces " + describe(peer.getNamespaceSelector());
        String pods = peer.getPodSelector() == null ? "all pods" : "pods " + describe(peer.getPodSelector());
        return pods + " of " + namespaces;
    }

    private static String describe(LabelSelector s) {
        if (Selectors.isEmpty(s)) {
            return "{} (all)";
        }
        List<String> parts = new ArrayList<>();
        if (s.getMatchLabels() != null) {
            s.getMatchLabels().forEach((k, val) -> parts.add(k + "=" + val));
        }
        nullSafe(s.getMatchExpressions()).forEach(r -> parts.add(r.getKey() + " " + r.getOperator() + " " + r.getValues()));
        return parts.toString();
    }

    static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }
}
