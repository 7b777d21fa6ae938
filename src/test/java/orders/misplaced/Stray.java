package orders.misplaced;

/** A deliberate rule breaker: a class of orders that is neither API, event nor internal. */
public class Stray {}
