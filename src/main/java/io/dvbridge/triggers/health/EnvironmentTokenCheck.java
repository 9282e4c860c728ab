package io.dvbridge.triggers.health;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import java.util.Map;

/**
 * Ready while a token could be had for the environment at the last background attempt ({@link TokenReadiness}):
 * reads what was found, never asks Entra ID itself (its first call starts the background attempts). UNKNOWN until
 * the first attempt ended.
 */
public final class EnvironmentTokenCheck extends AbstractHealthCheck {

    private final String environment;
    private final TokenReadiness readiness;

    public EnvironmentTokenCheck(String environment, TokenReadiness readiness) {
        super("dvbridge", "token-" + environment);
        this.environment = environment;
        this.readiness = readiness;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        readiness.startIfIdle();
        readiness.last(environment).ifPresentOrElse(outcome -> {
            (outcome.tokenAvailable() ? builder.up() : builder.down()).message(outcome.message())
                    .detail("checkedAt", outcome.at().toString());
        }, () -> builder.unknown().message("the first token request is under way"));
    }
}
