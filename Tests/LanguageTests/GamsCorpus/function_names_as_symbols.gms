$title Symbols named like intrinsic functions (cos, log2)
*  Older models call a cost parameter 'cos'; a scalar named 'log2' holds a lower bound.
*  By hand: ten units at the cheapest cost a (2) after each item gets its minimum of 1:
*  x = 8, 1, 1, cost 16 + 3 + 4 = 23.
*! solve 1 status 1 objective 23
*! x.l(a) = 8
*! x.l(c) = 1
*! cos(b) = 3
*! log2 = 1
Set i 'items' / a, b, c /;
Parameter cos(i) 'cost of an item' / a 2, b 3, c 4 /;
Scalar log2 'least amount of each item' / 1 /;
Positive Variable x(i);
Variable z;
Equations total, defZ;
total.. sum(i, x(i)) =e= 10;
defZ..  z =e= sum(i, cos(i)*x(i));
x.lo(i) = log2;
Model buy / all /;
solve buy using lp minimizing z;
display x.l, cos, log2;
