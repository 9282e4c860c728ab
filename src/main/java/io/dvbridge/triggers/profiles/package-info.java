/**
 * Export profiles, like the Data Export Service's: named export requests kept in the state store or declared in
 * configuration, managed over REST and the CLI through one service, synchronised continuously by a clustered
 * Quartz job while active.
 */
package io.dvbridge.triggers.profiles;
