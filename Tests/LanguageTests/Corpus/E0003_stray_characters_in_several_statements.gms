* Each stray character is reported once; the rest of its statement is not picked apart,
* and the statements around it are still checked.
Set i 'plants' / seattle, san-diego § /;
Parameter cap(i) 'capacity' / seattle 350, san-diego 600 /;
Scalar total;
total = sum(i, cap(i)) ^ 2;
loop(i, total = total + cap(i) ¤ 2; );
total = 1 +;
Display total;
