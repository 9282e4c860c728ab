/**
 * The readiness checks of {@code dvbridge run} in Camel's health-check registry: the state store, the broker (with the
 * queue depth it reports) and a token per environment, each answering a probe without blocking it.
 */
package io.dvbridge.triggers.health;
