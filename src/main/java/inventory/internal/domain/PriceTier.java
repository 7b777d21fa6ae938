package inventory.internal.domain;

import java.math.BigDecimal;

/** From {@code minQuantity} units on, each unit costs {@code unitPrice}. */
public record PriceTier(int minQuantity, BigDecimal unitPrice) {}
