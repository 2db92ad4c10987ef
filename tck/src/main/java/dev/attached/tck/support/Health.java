package dev.attached.tck.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.CDI;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * What the runtime reports for readiness and liveness. Where the runtime serves MicroProfile Health over HTTP, the
 * runner sets {@value #ENDPOINT_KEY} (for example the environment variable {@code ATTACHED_TCK_HEALTH_URL}) to the
 * health root, such as {@code http://127.0.0.1:9080/health}, and the TCK reads the JSON served at {@code /ready} and
 * {@code /live}. Embedded containers have no endpoint: there the checks are looked up and called in-process the way
 * Open Liberty does it, {@code BeanManager.getBeans(HealthCheck.class, Readiness.Literal.INSTANCE)}.
 */
public final class Health {

    /** The MicroProfile Config key (or environment variable {@code ATTACHED_TCK_HEALTH_URL}) of the health root. */
    public static final String ENDPOINT_KEY = "attached-tck.health-url";

    private Health() {
    }

    public static HealthReport readiness() {
        return report("ready", Readiness.Literal.INSTANCE);
    }

    public static HealthReport liveness() {
        return report("live", Liveness.Literal.INSTANCE);
    }

    /** The health root the runner configured, if the runtime serves one. */
    public static Optional<String> endpoint() {
        Optional<String> configured = ConfigProvider.getConfig().getOptionalValue(ENDPOINT_KEY, String.class);
        return configured.or(() -> Optional.ofNullable(System.getenv("ATTACHED_TCK_HEALTH_URL")))
                .map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }

    private static HealthReport report(String path, Annotation qualifier) {
        Optional<String> root = endpoint();
        return root.isPresent() ? fetch(root.get() + "/" + path) : inProcess(path, qualifier);
    }

    @SuppressWarnings("unchecked")
    private static HealthReport fetch(String url) {
        try {
            HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
            connection.setRequestProperty("Accept", "application/json");
            connection.setConnectTimeout(10_000);
            connection.setReadTimeout(120_000);
            int code = connection.getResponseCode();
            InputStream body = code >= 400 ? connection.getErrorStream() : connection.getInputStream();
            String text = body == null ? "" : read(body);
            Object json;
            try {
                json = Json.parse(text);
            } catch (IllegalArgumentException e) {
                throw new AssertionError("GET " + url + " answered " + code + " with no JSON: " + text, e);
            }
            Map<String, Object> root = (Map<String, Object>) json;
            List<HealthReport.Check> checks = new ArrayList<>();
            for (Object item : (List<Object>) root.getOrDefault("checks", List.of())) {
                Map<String, Object> check = (Map<String, Object>) item;
                checks.add(
                        new HealthReport.Check(String.valueOf(check.get("name")), String.valueOf(check.get("status")),
                                (Map<String, Object>) check.getOrDefault("data", Map.of())));
            }
            return new HealthReport("GET " + url + " (" + code + ")", String.valueOf(root.get("status")),
                    List.copyOf(checks), text);
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + url + " failed", e);
        }
    }

    private static HealthReport inProcess(String path, Annotation qualifier) {
        BeanManager beanManager = CDI.current().getBeanManager();
        List<HealthReport.Check> checks = new ArrayList<>();
        boolean up = true;
        for (Bean<?> bean : beanManager.getBeans(HealthCheck.class, qualifier)) {
            CreationalContext<?> context = beanManager.createCreationalContext(bean);
            HealthCheck check = (HealthCheck) beanManager.getReference(bean, HealthCheck.class, context);
            HealthCheckResponse response = check.call();
            boolean checkUp = response.getStatus() == HealthCheckResponse.Status.UP;
            up &= checkUp;
            checks.add(new HealthReport.Check(response.getName(), checkUp ? "UP" : "DOWN",
                    new LinkedHashMap<>(response.getData().orElse(Map.of()))));
        }
        return new HealthReport("in-process @" + qualifier.annotationType().getSimpleName() + " lookup (/" + path + ")",
                up ? "UP" : "DOWN", List.copyOf(checks), checks.toString());
    }

    private static String read(InputStream in) throws IOException {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        }
    }
}
