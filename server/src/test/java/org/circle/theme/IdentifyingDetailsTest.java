package org.circle.theme;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Before a theme leaves the room")
class IdentifyingDetailsTest {
  private static final List<String> MEMBERS = List.of("Ann Pemberton", "Joseph O'Neill", "Li Wu");

  @Test
  @DisplayName("names of members are found whole or in part, whatever the case, but not inside other words")
  void names() {
    assertEquals(List.of("the name “Ann  Pemberton”"), IdentifyingDetails.find("As Ann  Pemberton said", MEMBERS), "quoted as written");
    assertEquals(List.of("the name “o'neill”"), IdentifyingDetails.find("o'neill was right", MEMBERS));
    assertEquals(List.of(), IdentifyingDetails.find("Annual planning helps; Wu-style short names are too short to check", List.of("Ann Pemberton")));
    assertEquals(List.of(), IdentifyingDetails.find("Nothing identifying here", MEMBERS));
  }

  @Test
  @DisplayName("email addresses and phone numbers are found; dates and small numbers are not phone numbers")
  void contacts() {
    assertEquals(List.of("the email address “duty.team@council.gov.uk”", "the phone number “+44 20 7946 0958”"),
        IdentifyingDetails.find("Write to duty.team@council.gov.uk or call +44 20 7946 0958.", List.of()));
    assertEquals(List.of("the phone number “(01632) 960 001”"), IdentifyingDetails.find("Ring (01632) 960 001 today", List.of()));
    assertEquals(List.of(), IdentifyingDetails.find("On 2024-05-01, 30 of 120 cases (25%) closed within 10 days.", List.of()));
  }

  @Test
  @DisplayName("comparing releases: the same people or k more or fewer reveal no one; fewer than k different are refused")
  void differencing() {
    UUID a = UUID.randomUUID(), b = UUID.randomUUID(), c = UUID.randomUUID(), d = UUID.randomUUID(), e = UUID.randomUUID(), f = UUID.randomUUID();
    UUID first = UUID.randomUUID();
    List<Differencing.Earlier> earlier = List.of(new Differencing.Earlier(first, "First", Set.of(a, b, c)));
    assertEquals(Optional.empty(), Differencing.check(UUID.randomUUID(), Set.of(a, b, c), earlier, 3));
    assertEquals(Optional.empty(), Differencing.check(UUID.randomUUID(), Set.of(a, b, c, d, e, f), earlier, 3));
    assertEquals(true, Differencing.check(UUID.randomUUID(), Set.of(a, b, c, d), earlier, 3).orElseThrow().contains("“First”"));
    assertEquals(true, Differencing.check(first, Set.of(a, b, d), earlier, 3).orElseThrow().contains("released before"));
    assertEquals(true, Differencing.check(UUID.randomUUID(), Set.of(a, b, c, d, e), earlier, 3).isPresent(), "two more people");
    assertEquals(Optional.empty(), Differencing.check(UUID.randomUUID(), Set.of(d, e, f), earlier, 3), "entirely different people");
  }
}
