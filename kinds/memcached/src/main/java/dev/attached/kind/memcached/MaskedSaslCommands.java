package dev.attached.kind.memcached;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

import net.rubyeye.xmemcached.command.BinaryCommandFactory;
import net.rubyeye.xmemcached.command.Command;
import net.rubyeye.xmemcached.command.binary.BinaryAuthStartCommand;
import net.rubyeye.xmemcached.command.binary.BinaryAuthStepCommand;
import net.rubyeye.xmemcached.command.binary.ResponseStatus;
import net.rubyeye.xmemcached.utils.ByteUtils;

/**
 * XMemcached's binary protocol with two repairs to its SASL commands:
 * <ul>
 * <li>they do not show their bytes: at DEBUG, XMemcached logs every command it writes as its raw bytes
 * ({@code MemcachedTCPSession: After encoding...}), and for SASL PLAIN those bytes hold the password in clear;</li>
 * <li>they read the server's challenge: XMemcached skips the body of any response that is not a plain success, so a
 * mechanism with a challenge (CRAM-MD5: status "further authentication required" with the challenge as body) was
 * answered with a digest of the text {@code "false"}, and memcached refused it ("incorrect digest response").</li>
 * </ul>
 */
final class MaskedSaslCommands extends BinaryCommandFactory {

    @Override
    public Command createAuthStartCommand(String mechanism, CountDownLatch latch, byte[] authData) {
        return new BinaryAuthStartCommand(mechanism, ByteUtils.getBytes(mechanism), latch, authData) {
            private boolean challenged;

            @Override
            protected void readStatus(ByteBuffer buffer) {
                super.readStatus(buffer);
                if (getResponseStatus() == ResponseStatus.FUTHER_AUTH_REQUIRED) {
                    // read the body (the challenge) as a success's, then say what the server said
                    challenged = true;
                    setResponseStatus(ResponseStatus.NO_ERROR);
                    setException(null);
                }
            }

            @Override
            protected boolean readValue(ByteBuffer buffer, int bodyLength, int keyLength, int extrasLength) {
                int length = bodyLength - keyLength - extrasLength;
                if (buffer.remaining() < length) {
                    return false;
                }
                byte[] body = new byte[length];
                buffer.get(body);
                setResult(new String(body, StandardCharsets.ISO_8859_1));
                if (challenged) {
                    setResponseStatus(ResponseStatus.FUTHER_AUTH_REQUIRED); // before AuthTask wakes up
                }
                countDownLatch();
                return true;
            }

            @Override
            public String toString() {
                return "[SASL " + mechanism + " authentication, not shown]";
            }
        };
    }

    @Override
    public Command createAuthStepCommand(String mechanism, CountDownLatch latch, byte[] authData) {
        return new BinaryAuthStepCommand(mechanism, ByteUtils.getBytes(mechanism), latch, authData) {
            @Override
            public String toString() {
                return "[SASL " + mechanism + " authentication step, not shown]";
            }
        };
    }
}
