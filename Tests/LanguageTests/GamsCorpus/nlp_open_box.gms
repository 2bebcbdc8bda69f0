$title Open box of volume 32 with the least material (NLP with a starting point)
*  min xy + 2xz + 2yz  s.t. xyz = 32. By hand (symmetry and Lagrange): x = y = 2z, so
*  4z^3 = 32, z = 2, x = y = 4, area 16 + 16 + 16 = 48.
*! solve 1 status 2 objective 48
*! x.l = 4
*! y.l = 4
*! z.l = 2
*! ratio = 2
Positive Variables x 'length', y 'width', z 'height';
Variable area;
Equations vol 'volume', defArea;
vol..     x*y*z =e= 32;
defArea.. area =e= x*y + 2*x*z + 2*y*z;
x.lo = 0.1; y.lo = 0.1; z.lo = 0.1;
x.l = 1; y.l = 2; z.l = 3;
Model box / all /;
solve box using nlp minimizing area;
Scalar ratio 'length over height';
ratio = x.l/z.l;
display x.l, y.l, z.l, ratio;
