package dev.attached.sample;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** An orders service whose database and mail relay are attached resources. */
@ApplicationPath("/api")
public class OrdersApplication extends Application {
}
