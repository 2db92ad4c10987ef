package dev.attached.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import dev.attached.impl.testing.Orders;
import dev.attached.impl.testing.TestApp;

/** Run by the build on a class path without Jakarta Mail, as a server without a mail feature has it. */
@EnabledIfSystemProperty(named = "attached.without-mail", matches = "true")
class WithoutJakartaMailTest {

    @Test
    void theClassPathReallyHasNoJakartaMail() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("jakarta.mail.Session"));
    }

    @Test
    void anApplicationWithoutMailDeploysAndServes() throws Exception {
        try (TestApp app = TestApp.with("attached.orders-db.url", "jdbc:h2:mem:nomail").beans(Orders.class)
                .start()) {
            app.select(Orders.class).createTable();
            assertEquals("UP", app.check("orders-db").getString("status"));
        }
    }
}
