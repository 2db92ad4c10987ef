package dev.attached.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import dev.attached.console.AccessGuard.Verdict;

class AccessGuardTest {

    @Test
    void aViewerOrAnOperatorSeesTheConsole() {
        assertEquals(Verdict.ALLOWED, AccessGuard.view(true, true, false));
        assertEquals(Verdict.ALLOWED, AccessGuard.view(true, false, true));
        assertEquals(200, Verdict.ALLOWED.status());
    }

    @Test
    void nobodySignedInIsAskedToSignInToSeeTheConsole() {
        assertEquals(Verdict.UNAUTHENTICATED, AccessGuard.view(false, false, false));
        assertEquals(401, Verdict.UNAUTHENTICATED.status());
    }

    @Test
    void aUserWithNeitherRoleSeesNothing() {
        assertEquals(Verdict.NO_ROLE, AccessGuard.view(true, false, false));
        assertEquals(403, Verdict.NO_ROLE.status());
    }

    @Test
    void anOperatorFromThePageMayRefresh() {
        assertEquals(Verdict.ALLOWED, AccessGuard.refresh(true, true, "attached-console"));
    }

    @Test
    void nobodySignedInIsAskedToSignInToRefresh() {
        assertEquals(Verdict.UNAUTHENTICATED, AccessGuard.refresh(false, false, "attached-console"));
        assertEquals(Verdict.UNAUTHENTICATED, AccessGuard.refresh(false, false, null));
    }

    @Test
    void aViewerMayNotRefresh() {
        assertEquals(Verdict.NO_ROLE, AccessGuard.refresh(true, false, "attached-console"));
        assertEquals(Verdict.NO_ROLE, AccessGuard.refresh(true, false, null));
    }

    @Test
    void anOperatorsRefreshWithoutTheHeaderIsRefused() {
        assertEquals(Verdict.NOT_REQUESTED, AccessGuard.refresh(true, true, null));
        assertEquals(Verdict.NOT_REQUESTED, AccessGuard.refresh(true, true, " "));
        assertEquals(403, Verdict.NOT_REQUESTED.status());
    }
}
