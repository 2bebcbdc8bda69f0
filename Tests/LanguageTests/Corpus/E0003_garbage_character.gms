Set i / a, b, c /;
Parameter cost(i) / a 10, b 12, c 9 /;
Parameter total;
total = sum(i, cost(i)) § 1.2;
Display total;
