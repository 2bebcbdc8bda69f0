Set i / a, b /;
Parameter p(i) / a 1, b 2 /, display(i), sum;
Scalar inf;
display(i) = p(i) * 2;
sum = sum(i, p(i)) + sum(i, display(i));
inf = sum + 1;
Display p, display, sum;
Model solve / all /;
