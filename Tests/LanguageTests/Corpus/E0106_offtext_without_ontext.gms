Set i / a, b /;
* old block comment, the $onText line was deleted
  x(i) was the old formulation
$offText
Parameter p(i) / a 1, b 2 /;
Display p;
