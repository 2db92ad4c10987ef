package dev.attached.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import dev.attached.console.RefreshGuard.Verdict;

class RefreshGuardTest {

    @Test
    void anOperatorFromThePageMayRefresh() {
        assertEquals(Verdict.ALLOWED, RefreshGuard.decide(true, true, "attached-console"));
        assertEquals(200, Verdict.ALLOWED.status());
    }

    @Test
    void nobodySignedInIsAskedToSignIn() {
        assertEquals(Verdict.UNAUTHENTICATED, RefreshGuard.decide(false, false, "attached-console"));
        assertEquals(401, Verdict.UNAUTHENTICATED.status());
    }

    @Test
    void aUserWithoutTheOperatorRoleIsRefused() {
        assertEquals(Verdict.NOT_OPERATOR, RefreshGuard.decide(true, false, "attached-console"));
        assertEquals(403, Verdict.NOT_OPERATOR.status());
    }

    @Test
    void anOperatorsRequestWithoutTheHeaderIsRefused() {
        assertEquals(Verdict.NOT_REQUESTED, RefreshGuard.decide(true, true, null));
        assertEquals(Verdict.NOT_REQUESTED, RefreshGuard.decide(true, true, " "));
        assertEquals(403, Verdict.NOT_REQUESTED.status());
    }

    @Test
    void theRoleIsCheckedBeforeTheHeader() {
        assertEquals(Verdict.NOT_OPERATOR, RefreshGuard.decide(true, false, null));
        assertEquals(Verdict.UNAUTHENTICATED, RefreshGuard.decide(false, false, null));
    }
}
