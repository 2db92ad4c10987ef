package dev.attached.tck.payara;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.enterprise.inject.spi.DeploymentException;

import org.junit.jupiter.api.Test;

import dev.attached.tck.payara.deployer.FailureReport;

/** What the client makes of the exceptions a failed deployment logged in the server. */
class RemoteFailureTest {

    /** Stands for an exception class the client does not have. */
    static class ServerOnlyException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        ServerOnlyException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @Test
    void payarasCdiDeploymentFailureBecomesTheCdiDeploymentException() {
        Throwable read = RemoteFailure.read(FailureReport.write(List.of(new IllegalStateException(
                "CDI deployment failure:ATTACHED-010: attached.x.url is missing\nsecond line"))));
        assertInstanceOf(IllegalStateException.class, read);
        assertInstanceOf(DeploymentException.class, read.getCause());
        assertEquals("ATTACHED-010: attached.x.url is missing\nsecond line", read.getCause().getMessage());
    }

    @Test
    void payarasCdiDefinitionFailureBecomesTheCdiDefinitionException() {
        Throwable read = RemoteFailure
                .read(FailureReport.write(List.of(new IllegalStateException("CDI definition failure:bad name"))));
        assertInstanceOf(DefinitionException.class, read.getCause());
    }

    @Test
    void aClassTheClientLacksBecomesItsNearestSuperclassAndCausesAreKept() {
        String report = FailureReport.write(List.of(new ServerOnlyException("outer", new ArithmeticException("inner"))))
                .replace(ServerOnlyException.class.getName(), "com.example.NotOnTheClient");
        Throwable read = RemoteFailure.read(report);
        assertEquals(IllegalStateException.class, read.getClass());
        assertTrue(read.getMessage().contains("com.example.NotOnTheClient"), read.getMessage());
        assertInstanceOf(ArithmeticException.class, read.getCause());
        assertNull(read.getCause().getCause());
    }

    @Test
    void exceptionsLoggedOneAfterAnotherAreChainedFirstOutermost() {
        Throwable read = RemoteFailure.read(FailureReport.write(
                List.of(new IllegalArgumentException("first"), new IllegalStateException("CDI deployment failure:x"))));
        assertInstanceOf(IllegalArgumentException.class, read);
        assertInstanceOf(IllegalStateException.class, read.getCause());
        assertInstanceOf(DeploymentException.class, read.getCause().getCause());
    }

    @Test
    void nothingLoggedIsNoCause() {
        assertNull(RemoteFailure.read(FailureReport.write(List.of())));
    }
}
