package dev.attached.kind.restclient.testing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.attached.AttachedResource;

/** An application bean with the client of another resource, {@code billing-api}. */
@ApplicationScoped
public class Billing {

    @Inject
    @AttachedResource("billing-api")
    BillingClient billing;

    public BillingClient billing() {
        return billing;
    }
}
