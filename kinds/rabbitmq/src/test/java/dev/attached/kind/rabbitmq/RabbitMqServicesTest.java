package dev.attached.kind.rabbitmq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import dev.attached.kind.rabbitmq.testing.OrderListener;
import dev.attached.kind.rabbitmq.testing.Orders;
import dev.attached.kind.rabbitmq.testing.QpidBroker;
import dev.attached.kind.rabbitmq.testing.SwapUnderLoad;
import dev.attached.kind.rabbitmq.testing.SwapUnderLoad.Figures;
import dev.attached.kind.testkit.Canary;
import dev.attached.kind.testkit.SwapRecorder;
import dev.attached.kind.testkit.TestApp;
import dev.attached.kind.testkit.TestHandle;

/**
 * Against the machine's RabbitMQ (127.0.0.1:5672, guest/guest), with {@code -Pci-services}. Two virtual hosts and a
 * user with the canary password are made with {@code rabbitmqctl} (no management plugin needed) and removed after;
 * without {@code rabbitmqctl} the virtual-host swap is skipped and the other tests use guest on {@code /}.
 */
@EnabledIfSystemProperty(named = "attached.services", matches = "true")
class RabbitMqServicesTest {

    private static final String USER = "attached-test";
    private static final String VHOST_A = "attached-test-a";
    private static final String VHOST_B = "attached-test-b";
    private static final List<Class<?>> BEANS = List.of(Orders.class, OrderListener.class, SwapRecorder.class);

    private static boolean rabbitmqctl;
    private static QpidBroker qpid;

    @BeforeAll
    static void prepare() throws Exception {
        rabbitmqctl = ctl("list_vhosts");
        if (rabbitmqctl) {
            for (String vhost : List.of(VHOST_A, VHOST_B)) {
                ctl("delete_vhost", vhost);
                assertTrue(ctl("add_vhost", vhost));
            }
            ctl("delete_user", USER);
            assertTrue(ctl("add_user", USER, Canary.PASSWORD));
            for (String vhost : List.of(VHOST_A, VHOST_B)) {
                assertTrue(ctl("set_permissions", "-p", vhost, USER, ".*", ".*", ".*"));
            }
        }
        qpid = QpidBroker.start();
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (qpid != null) {
            qpid.close();
        }
        if (rabbitmqctl) {
            ctl("delete_vhost", VHOST_A);
            ctl("delete_vhost", VHOST_B);
            ctl("delete_user", USER);
        } else {
            deleteQueue(guestUrl());
        }
    }

    /** Runs rabbitmqctl; false if it is missing or fails. Its output is not kept (a command line holds a password). */
    private static boolean ctl(String... args) throws InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("rabbitmqctl");
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static String vhostUrl(String vhost) {
        return "amqp://" + USER + ":" + Canary.PASSWORD + "@127.0.0.1:5672/" + vhost;
    }

    private static String guestUrl() {
        return "amqp://guest:guest@127.0.0.1:5672/%2F";
    }

    private static String rabbitUrl() {
        return rabbitmqctl ? vhostUrl(VHOST_A) : guestUrl();
    }

    private static void deleteQueue(String url) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(url);
        try (Connection c = factory.newConnection(); Channel channel = c.createChannel()) {
            channel.queueDelete(Orders.QUEUE);
        }
    }

    @Test
    void probeIsUpAgainstTheMachinesRabbitMq() throws Exception {
        RabbitMqKind kind = new RabbitMqKind();
        List<String> problems = new ArrayList<>();
        Connection c = kind.open(kind.configure(TestHandle.of("events", rabbitUrl()), problems));
        try {
            Map<String, Object> data = kind.probe(c, Duration.ofSeconds(5));
            assertTrue(String.valueOf(data.get("server")).startsWith("RabbitMQ "), data.toString());
        } finally {
            kind.close(c);
        }
    }

    @Test
    void swapsBetweenTwoVirtualHostsUnderLoad() throws Exception {
        assumeTrue(rabbitmqctl, "rabbitmqctl is needed to make virtual hosts");
        String a = vhostUrl(VHOST_A);
        String b = vhostUrl(VHOST_B);
        SwapUnderLoad.provision(a);
        SwapUnderLoad.provision(b);
        try (TestApp app = TestApp.with(SwapUnderLoad.URL, a, "attached.events.health.timeout", "5s").beans(BEANS)
                .start()) {
            Figures figures = SwapUnderLoad.run(app, List.of(b, a), List.of(a, b));
            System.out.println("RabbitMQ swap under load, between two virtual hosts of RabbitMQ: " + figures);
            assertEquals(0, figures.failures());
        }
    }

    @Test
    void swapsBetweenRabbitMqAndAnotherBrokerUnderLoad() throws Exception {
        String rabbit = rabbitUrl();
        String other = qpid.url();
        SwapUnderLoad.provision(rabbit);
        SwapUnderLoad.provision(other);
        try (TestApp app = TestApp.with(SwapUnderLoad.URL, rabbit, "attached.events.health.timeout", "5s").beans(BEANS)
                .start()) {
            Figures figures = SwapUnderLoad.run(app, List.of(other, rabbit), List.of(rabbit, other));
            System.out.println("RabbitMQ swap under load, RabbitMQ to Qpid and back: " + figures);
            assertEquals(0, figures.failures());
        }
    }
}
