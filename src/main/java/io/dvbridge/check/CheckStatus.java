package io.dvbridge.check;

/** How one check ended. */
public enum CheckStatus { OK, WARNING, FAILED }
