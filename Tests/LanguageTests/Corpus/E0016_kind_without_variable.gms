Set i / a, b /;
Positive x(i);
Variable z;
