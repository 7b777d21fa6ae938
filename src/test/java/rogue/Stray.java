package rogue;

/** A deliberate rule breaker: a top-level package that no module declaration covers. */
public class Stray {}
