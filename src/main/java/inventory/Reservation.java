package inventory;

import java.util.List;

/** The outcome of an all-or-nothing reservation: either everything was reserved, or nothing and every shortage. */
public record Reservation(boolean reserved, List<Shortage> shortages, List<String> unknownSkus) {

    public static Reservation done() {
        return new Reservation(true, List.of(), List.of());
    }

    public static Reservation refused(List<Shortage> shortages, List<String> unknownSkus) {
        return new Reservation(false, List.copyOf(shortages), List.copyOf(unknownSkus));
    }
}
