package dev.attached.kind.restclient.testing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.attached.AttachedResource;

/** An application bean with two client interfaces of one resource, {@code shipping-api}. */
@ApplicationScoped
public class Shipping {

    @Inject
    @AttachedResource("shipping-api")
    ShippingClient shipping;

    @Inject
    @AttachedResource("shipping-api")
    TrackingClient tracking;

    public ShippingClient shipping() {
        return shipping;
    }

    public TrackingClient tracking() {
        return tracking;
    }
}
