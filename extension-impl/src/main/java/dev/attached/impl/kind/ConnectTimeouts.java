package dev.attached.impl.kind;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code connect-timeout} as each driver takes it, in its own connection properties. Agroal would set it through
 * {@code DriverManager.setLoginTimeout}, which is one value for the whole JVM: the last pool opened would decide for
 * every application, and whole seconds only.
 */
final class ConnectTimeouts {

    private enum Unit {
        SECONDS, MILLISECONDS
    }

    private record Form(Unit unit, List<String> properties) {
    }

    private static final Map<String, Form> BY_SUBPROTOCOL = Map.of(
            "jdbc:postgresql", new Form(Unit.SECONDS, List.of("connectTimeout", "loginTimeout")),
            "jdbc:mariadb", new Form(Unit.MILLISECONDS, List.of("connectTimeout")),
            "jdbc:mysql", new Form(Unit.MILLISECONDS, List.of("connectTimeout")),
            "jdbc:sqlserver", new Form(Unit.SECONDS, List.of("loginTimeout")),
            "jdbc:oracle", new Form(Unit.MILLISECONDS, List.of("oracle.net.CONNECT_TIMEOUT")));

    private ConnectTimeouts() {
    }

    /**
     * The driver properties that bound connecting by {@code timeout}.
     *
     * @param explicit whether the user set the key (a default is dropped silently where a driver cannot take it)
     * @param problems where a timeout the driver cannot honour is reported, naming the key
     */
    static Map<String, String> properties(String subprotocol, Duration timeout, boolean explicit,
            List<String> problems) {
        Optional<Form> form = Optional.ofNullable(BY_SUBPROTOCOL.get(subprotocol));
        if (form.isEmpty()) {
            if (explicit && !subprotocol.equals("jdbc:h2")) {
                problems.add(PoolSettings.CONNECT_TIMEOUT + ": Attached does not know how the " + subprotocol
                        + " driver takes a connect timeout; set the driver's own property as jdbc.<property>");
            }
            return Map.of();
        }
        String value;
        if (form.get().unit() == Unit.SECONDS) {
            if (timeout.toMillis() % 1000 != 0) {
                problems.add(PoolSettings.CONNECT_TIMEOUT + ": the " + subprotocol + " driver counts whole seconds, so "
                        + timeout.toMillis() + " ms cannot be honoured; use a whole number of seconds");
                return Map.of();
            }
            value = String.valueOf(timeout.toSeconds());
        } else {
            value = String.valueOf(timeout.toMillis());
        }
        return form.get().properties().stream().collect(java.util.stream.Collectors.toMap(p -> p, p -> value));
    }
}
